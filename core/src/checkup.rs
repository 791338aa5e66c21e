//! §9 为 2 万名小微企业、灵活就业和特殊工种从业人员提供体检服务: health checkups for workers of small
//! firms, gig workers and special trades, with the city union's subsidy (市总补贴).
//!
//! * [`quote`] — price, subsidy and payable of a list of packages (§9 五 体检计划汇总表).
//! * [`packages`] — the packages on offer: figures, the 2022 plan each continues, where each is given
//!   (女性两病筛查 院内开展), and the programme's target of 20,000 people (§9 二, 五; 附件 1).
//!
//! The packages and their figures are the edition's table `checkup.packages`
//! (`spec/editions/2023/checkup.toml`).

use alloc::format;
use alloc::vec::Vec;

use crate::error::{overflow, Error, Result};
use crate::money::Money;
use crate::msg::{m::checkup as m, Arg, Msg};
use crate::params::{p::checkup as p, CheckupPackage, Edition};
use crate::trace::Trace;

const TABLE: &str = "§9 五 体检计划汇总表";

crate::wire_enum! {
    "checkup.package" =>
    /// A package of §9 二: four routine packages (常规体检套餐) and five special packs (专项筛查项目).
    pub enum Package {
        /// L1 (同2022年L1计划).
        L1 = "L1",
        /// L2 (同2022年L2计划).
        L2 = "L2",
        /// L3 (同2022年L3计划).
        L3 = "L3",
        /// L4 (同2022年L6计划).
        L4 = "L4",
        /// 心功能专项包.
        Cardio = "cardio",
        /// 血液疾病专项包.
        Blood = "blood",
        /// 女性两病筛查包 (院内开展).
        FemaleTwo = "female_two",
        /// 肿瘤筛查专项包.
        Tumor = "tumor",
        /// 脑卒中专项包.
        Stroke = "stroke",
    }
}

/// One line of a quote request: a package and how many people take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct QuoteLine {
    /// The package.
    pub package: Package,
    /// How many people (zero or more).
    pub count: u32,
}

/// Input of `checkup.quote`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct QuoteInput {
    /// The lines, in the order they are quoted.
    #[wire(limit = QuoteLines)]
    pub lines: Vec<QuoteLine>,
}

/// One priced line of a quote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct QuotedLine {
    /// The package.
    pub package: Package,
    /// How many people.
    pub count: u32,
    /// 价格 (元/人).
    pub unit_price: Money,
    /// 市总补贴 (元/人).
    pub unit_subsidy: Money,
    /// 实付 (元/人).
    pub unit_payable: Money,
    /// `unit_price` × `count`.
    pub price: Money,
    /// `unit_subsidy` × `count`.
    pub subsidy: Money,
    /// `unit_payable` × `count`.
    pub payable: Money,
}

/// The totals of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct QuoteTotal {
    /// The sum of the lines' prices.
    pub price: Money,
    /// The sum of the lines' subsidies.
    pub subsidy: Money,
    /// The sum of the lines' payables.
    pub payable: Money,
}

/// Result of `checkup.quote`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Quote {
    /// One priced line per input line, in order.
    pub lines: Vec<QuotedLine>,
    /// The totals.
    pub total: QuoteTotal,
}

/// The edition's row for `package`.
pub fn package_row(ed: &Edition, package: Package) -> Option<&CheckupPackage> {
    ed.checkup.packages.iter().find(|r| r.id == package.as_str())
}

/// Rule `checkup.quote`: the price, the city union's subsidy (市总补贴) and the payable (实付) of each line
/// (per person × count) and in total.
pub fn quote(ed: &Edition, input: &QuoteInput, trace: &mut Trace) -> Result<Quote> {
    let mut lines = Vec::with_capacity(input.lines.len());
    let mut total = QuoteTotal {
        price: Money::ZERO,
        subsidy: Money::ZERO,
        payable: Money::ZERO,
    };
    for (i, l) in input.lines.iter().enumerate() {
        let path = format!("input.lines[{i}].count");
        let row = package_row(ed, l.package).ok_or_else(|| {
            let path = format!("input.lines[{i}].package");
            Error::invalid(path.clone(), m::no_price(path, Arg::quoted(l.package.as_str()), ed.name))
        })?;
        let n = u64::from(l.count);
        let times = |m: Money| m.checked_mul_count(n).ok_or_else(|| overflow(&path));
        let line = QuotedLine {
            package: l.package,
            count: l.count,
            unit_price: row.price,
            unit_subsidy: row.subsidy,
            unit_payable: row.payable,
            price: times(row.price)?,
            subsidy: times(row.subsidy)?,
            payable: times(row.payable)?,
        };
        trace.step_reads(TABLE, &[p::PACKAGES], || {
            m::quote_line(
                i + 1,
                l.package,
                row.zh,
                l.count,
                row.price,
                line.price,
                row.subsidy,
                line.subsidy,
                row.payable,
                line.payable,
            )
        });
        total = QuoteTotal {
            price: total.price.checked_add(line.price).ok_or_else(|| overflow(&path))?,
            subsidy: total.subsidy.checked_add(line.subsidy).ok_or_else(|| overflow(&path))?,
            payable: total.payable.checked_add(line.payable).ok_or_else(|| overflow(&path))?,
        };
        lines.push(line);
    }
    trace.step(TABLE, || m::quote_total(lines.len(), total.price, total.subsidy, total.payable));
    Ok(Quote { lines, total })
}

crate::wire_enum! {
    "checkup.package_kind" =>
    /// The two sorts of package (§9 二).
    pub enum PackageKind {
        /// 常规体检套餐 (L1–L4).
        Routine = "routine",
        /// 专项筛查项目 (the five special packs).
        Special = "special",
    }
}

/// Input of `checkup.packages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, crate::Wire)]
pub struct PackagesInput {
    /// Only packages of this sort (all when absent).
    pub kind: Option<PackageKind>,
}

/// One package on offer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct PackageInfo {
    /// The package id, as `checkup.quote` takes it.
    pub package: Package,
    /// Its name in the seed.
    pub zh: &'static str,
    /// Routine or special.
    pub kind: PackageKind,
    /// 价格 (元/人).
    pub price: Money,
    /// 市总补贴 (元/人).
    pub subsidy: Money,
    /// 实付 (元/人).
    pub payable: Money,
    /// The 2022 plan it is the same as (同2022年…计划); null for the packs new in 2023.
    pub plan_2022: Option<&'static str>,
    /// Offered only in the hospital (院内开展), not on the mobile checkup bus.
    pub in_hospital_only: bool,
}

/// Result of `checkup.packages`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Packages {
    /// The packages, in the table's order.
    pub packages: Vec<PackageInfo>,
    /// The programme's target: people to give a checkup in the year.
    pub target_people: u32,
}

/// Rule `checkup.packages`: the packages on offer with their figures, the 2022 plan each continues,
/// whether it is only given in the hospital, and the year's target.
pub fn packages(ed: &Edition, input: &PackagesInput, trace: &mut Trace) -> Result<Packages> {
    let p_ = &ed.checkup;
    let mut out = Vec::with_capacity(p_.packages.len());
    for row in p_.packages {
        let (Some(package), Some(kind)) = (Package::parse(row.id), PackageKind::parse(row.kind)) else {
            return Err(Error::invalid("input", m::unknown_package_in_edition(ed.name, Arg::quoted(row.id))));
        };
        if input.kind.is_some_and(|k| k != kind) {
            continue;
        }
        if row.in_hospital_only {
            trace.step_reads("§9 二", &[p::PACKAGES], || m::in_hospital_only(package, row.zh));
        }
        out.push(PackageInfo {
            package,
            zh: row.zh,
            kind,
            price: row.price,
            subsidy: row.subsidy,
            payable: row.payable,
            plan_2022: Some(row.plan_2022).filter(|s| !s.is_empty()),
            in_hospital_only: row.in_hospital_only,
        });
    }
    trace.step_reads(TABLE, &[p::PACKAGES], || {
        let items: Vec<Msg> = out
            .iter()
            .map(|i| match i.plan_2022 {
                Some(old) => m::package_continuing(i.package, i.price, old),
                None => m::package_new(i.package, i.price),
            })
            .collect();
        m::packages_listed(out.len(), input.kind.map(m::of_kind), items)
    });
    trace.step_reads("附件 1 第9项", &[p::TARGET_PEOPLE], || m::target(p_.target_people));
    Ok(Packages {
        packages: out,
        target_people: p_.target_people,
    })
}
