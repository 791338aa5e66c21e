//! Reference tables: `reference.service_centres` (§5 附表) and `reference.metro_sites` (§10 附件 2-10-2).

use shftu_rules::reference::{metro_sites, service_centres, District, LookupInput};
use shftu_rules::Trace;

mod common;
use common::{ed, TestResult};

#[test]
fn one_service_centre_per_district() -> TestResult {
    for dist in District::ALL {
        let out = service_centres(ed(), &LookupInput { district: Some(*dist) }, &mut Trace::off())?;
        assert_eq!(out.centres.len(), 1, "{dist}");
    }
    let all = service_centres(ed(), &LookupInput::default(), &mut Trace::off())?;
    assert_eq!(all.centres.len(), 16);
    Ok(())
}

#[test]
fn metro_sites_by_district_add_up_to_twenty_five() -> TestResult {
    let mut total = 0;
    for dist in District::ALL {
        total += metro_sites(ed(), &LookupInput { district: Some(*dist) }, &mut Trace::off())?
            .sites
            .len();
    }
    assert_eq!(total, 25);
    Ok(())
}

#[test]
fn worked_example_huangpu_lookup() -> TestResult {
    // 黄浦区: the service centre at 重庆南路229弄5号 (two phones) and three metro training sites.
    let mut t = Trace::new();
    let centres = service_centres(
        ed(),
        &LookupInput {
            district: Some(District::Huangpu),
        },
        &mut t,
    )?;
    let sites = metro_sites(
        ed(),
        &LookupInput {
            district: Some(District::Huangpu),
        },
        &mut t,
    )?;
    assert_eq!(sites.sites.len(), 3);
    insta::assert_json_snapshot!((centres, sites, t.into_steps()));
    Ok(())
}
