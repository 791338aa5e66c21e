//! Reference tables of the plan, filterable by district.
//!
//! * [`service_centres`] — the 16 district service centres where mutual-aid claims are filed (§5 附表).
//! * [`metro_sites`] — the 25 metro training sites (§10 附件 2-10-2).

use alloc::vec::Vec;

use crate::error::Result;
use crate::msg::m::reference as m;
use crate::params::{p, Edition, MetroSite, ServiceCentre};
use crate::trace::Trace;

crate::wire_enum! {
    "reference.district" =>
    /// One of Shanghai's 16 districts.
    pub enum District {
        /// 浦东新区
        Pudong = "pudong",
        /// 徐汇区
        Xuhui = "xuhui",
        /// 长宁区
        Changning = "changning",
        /// 普陀区
        Putuo = "putuo",
        /// 虹口区
        Hongkou = "hongkou",
        /// 杨浦区
        Yangpu = "yangpu",
        /// 黄浦区
        Huangpu = "huangpu",
        /// 静安区
        Jingan = "jingan",
        /// 宝山区
        Baoshan = "baoshan",
        /// 闵行区
        Minhang = "minhang",
        /// 嘉定区
        Jiading = "jiading",
        /// 奉贤区
        Fengxian = "fengxian",
        /// 松江区
        Songjiang = "songjiang",
        /// 金山区
        Jinshan = "jinshan",
        /// 青浦区
        Qingpu = "qingpu",
        /// 崇明区
        Chongming = "chongming",
    }
}

/// Input of `reference.service_centres` and `reference.metro_sites`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, crate::Wire)]
pub struct LookupInput {
    /// Only this district's rows, when given.
    pub district: Option<District>,
}

/// Result of `reference.service_centres`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, crate::Described)]
pub struct ServiceCentres {
    /// The centres, in the seed's order.
    pub centres: Vec<ServiceCentre>,
}

/// Result of `reference.metro_sites`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, crate::Described)]
pub struct MetroSites {
    /// The sites, in the seed's order.
    pub sites: Vec<MetroSite>,
}

fn wanted(filter: Option<District>, district: &str) -> bool {
    filter.is_none_or(|d| d.as_str() == district)
}

/// Rule `reference.service_centres` (§5 一(七)1, 附表): where claims are filed — name, phone and address of
/// each district union's service centre.
pub fn service_centres(ed: &Edition, input: &LookupInput, trace: &mut Trace) -> Result<ServiceCentres> {
    let centres: Vec<ServiceCentre> = ed
        .reference
        .service_centres
        .iter()
        .filter(|c| wanted(input.district, c.district))
        .cloned()
        .collect();
    trace.step_reads("§5 附表", &[p::reference::SERVICE_CENTRES], || {
        m::service_centres(centres.len(), input.district.map(m::in_district))
    });
    Ok(ServiceCentres { centres })
}

/// Rule `reference.metro_sites` (§10 二(二), 附件 2-10-2): the metro training sites.
pub fn metro_sites(ed: &Edition, input: &LookupInput, trace: &mut Trace) -> Result<MetroSites> {
    let sites: Vec<MetroSite> = ed
        .metro_safety
        .sites
        .iter()
        .filter(|c| wanted(input.district, c.district))
        .cloned()
        .collect();
    trace.step_reads("§10 附件 2-10-2", &[p::metro_safety::SITES], || {
        m::metro_sites(sites.len(), input.district.map(m::in_district))
    });
    Ok(MetroSites { sites })
}
