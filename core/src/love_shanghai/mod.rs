//! §3 一 “看上海、品上海、爱上海”主题系列活动: union-funded trips in Shanghai (看上海), Shanghai goods for
//! members (品上海), and how a base union pays for them and keeps their accounts.
//!
//! * [`trip_check`] — one 看上海 activity a year of at most 2 days and 1 night: a 2-day/1-night trip
//!   (≤ 800 per person, meals ≤ 40%) or a day trip (≤ 300 per person, meals ≤ 50%) (一(三)1, 一(四)1–2).
//! * [`goods_check`] — 品上海 goods, ≤ 500 per person a year across instalments (一(四)3).
//! * [`surplus_use`] — drawing on the accumulated surplus outside the usual 10% limit when the year's
//!   funds fall short, in the budget; special subsidies for the purpose only, used up by 12-31 (一(四)4–5).
//! * [`ledger_account`] — the account an item is recorded in (一(四)6–7).

mod activities;
mod funds;

pub use activities::*;
pub use funds::*;
