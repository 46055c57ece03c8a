//! The domain's closed sets keep one string form each: strum derives `id()`
//! from the variant name by the same snake_case rule serde applies, and
//! these tests hold the two, `FromStr` and each hand-kept `ALL` list to it.

use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::grading::Level;
use crate::observation::Partner;
use crate::records::{AttemptStatus, Capability, Role, VersionStatus};
use crate::red_flag::{Recognition, RedFlagCategory, Severity};
use crate::scenario::metadata::Difficulty;
use std::fmt::Debug;
use std::str::FromStr;
use strum::VariantArray;

/// Every variant: its id is its serde form.
fn one_string_form<T>(id: fn(T) -> &'static str)
where
    T: VariantArray + Copy + Debug + serde::Serialize,
{
    for v in T::VARIANTS {
        let serde = serde_json::to_value(v).unwrap();
        assert_eq!(serde.as_str(), Some(id(*v)), "{v:?}");
    }
}

/// Every variant's id reads back through `FromStr` as that variant.
fn reads_back<T>(id: fn(T) -> &'static str)
where
    T: VariantArray + Copy + PartialEq + Debug + FromStr,
    <T as FromStr>::Err: Debug,
{
    for v in T::VARIANTS {
        assert_eq!(id(*v).parse::<T>().unwrap(), *v);
    }
}

#[test]
fn every_closed_set_has_one_string_form() {
    one_string_form(Competency::id);
    one_string_form(Behaviour::id);
    one_string_form(Level::id);
    one_string_form(RedFlagCategory::id);
    one_string_form(Recognition::id);
    one_string_form(Severity::id);
    one_string_form(Role::id);
    one_string_form(Capability::id);
    one_string_form(AttemptStatus::id);
    one_string_form(VersionStatus::id);
    one_string_form(Difficulty::id);
    one_string_form(Partner::id);
    reads_back(Competency::id);
    reads_back(Behaviour::id);
    reads_back(Level::id);
    reads_back(RedFlagCategory::id);
    reads_back(Recognition::id);
    reads_back(Severity::id);
    reads_back(Role::id);
    reads_back(Partner::id);
}

#[test]
fn every_all_list_holds_every_variant_in_declaration_order() {
    assert_eq!(Competency::ALL.as_slice(), Competency::VARIANTS);
    assert_eq!(Behaviour::ALL.as_slice(), Behaviour::VARIANTS);
    assert_eq!(Level::ALL.as_slice(), Level::VARIANTS);
    assert_eq!(RedFlagCategory::ALL.as_slice(), RedFlagCategory::VARIANTS);
}
