//! Which records a report covers (an export, a push, the records table, a
//! cohort report): organisation, date range and
//! certification status.

use crate::certification::Standing;
use crate::error::{Error, Result};
use chrono::NaiveDate;

/// The filters of an export. Empty filters keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only trainees of this organisation (case-insensitive, exact).
    pub organisation: Option<String>,
    /// Only attempts completed and certifications effective on or after this day.
    pub from: Option<NaiveDate>,
    /// … and on or before this day; also the day certification status is taken.
    pub to: Option<NaiveDate>,
    /// Only trainees whose certification status (on `to`, or today) is one of these.
    pub status: Vec<Standing>,
}

/// The status ids accepted by `--status`.
pub const STATUS_IDS: [&str; 6] = [
    "not_started",
    "in_progress",
    "certified",
    "refresher_due",
    "expired_grace",
    "lapsed",
];

/// Parses a status id (`certified`, `lapsed`, …).
pub fn parse_status(s: &str) -> Result<Standing> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_string())).map_err(|_| {
        Error::Input(format!(
            "unknown certification status \"{s}\"; use one of {}",
            STATUS_IDS.join(", ")
        ))
    })
}

/// The id of a standing.
pub fn status_id(s: Standing) -> &'static str {
    match s {
        Standing::NotStarted => "not_started",
        Standing::InProgress => "in_progress",
        Standing::Certified => "certified",
        Standing::RefresherDue => "refresher_due",
        Standing::ExpiredGrace => "expired_grace",
        Standing::Lapsed => "lapsed",
    }
}

impl Filter {
    /// The day certification statuses are taken on: the filter's last
    /// day when it has one, else today on the store's clock.
    pub(crate) fn status_day(&self, store: &super::store::Store) -> chrono::NaiveDate {
        self.to.unwrap_or_else(|| store.clock().now().date_naive())
    }

    /// The filter a person typed, in whatever front end: an organisation
    /// name, first and last days (`YYYY-MM-DD`) and status ids. A blank
    /// field means "any"; a day or status that does not parse is an error
    /// naming it. The range is checked by [`Filter::validate`].
    pub fn parse(
        organisation: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        status: &[String],
    ) -> Result<Filter> {
        fn given(s: Option<&str>) -> Option<&str> {
            s.map(str::trim).filter(|s| !s.is_empty())
        }
        let day = |s: Option<&str>| given(s).map(crate::clock::parse_date).transpose();
        Ok(Filter {
            organisation: given(organisation).map(str::to_string),
            from: day(from)?,
            to: day(to)?,
            status: status
                .iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse_status(s))
                .collect::<Result<_>>()?,
        })
    }

    /// Checks the filter makes sense (the range is not backwards).
    pub fn validate(&self) -> Result<()> {
        match (self.from, self.to) {
            (Some(f), Some(t)) if f > t => Err(Error::Input(format!(
                "the date range is backwards: --from {f} is after --to {t}"
            ))),
            _ => Ok(()),
        }
    }

    /// Whether a day is inside the range.
    pub fn day_in_range(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }

    /// Whether an organisation passes.
    pub fn organisation_matches(&self, org: Option<&str>) -> bool {
        match &self.organisation {
            None => true,
            Some(want) => org.is_some_and(|o| o.trim().eq_ignore_ascii_case(want.trim())),
        }
    }

    /// The filter as JSON, recorded in the JSON export.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "organisation": self.organisation,
            "from": self.from.map(|d| d.to_string()),
            "to": self.to.map(|d| d.to_string()),
            "status": self.status.iter().map(|s| status_id(*s)).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        for id in STATUS_IDS {
            assert_eq!(status_id(parse_status(id).unwrap()), id);
        }
        assert!(parse_status("certfied").is_err());
    }

    #[test]
    fn ranges_and_organisations() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let f = Filter {
            organisation: Some("North Trust".into()),
            from: Some(d("2026-01-01")),
            to: Some(d("2026-01-31")),
            status: vec![],
        };
        f.validate().unwrap();
        assert!(f.day_in_range(d("2026-01-31")));
        assert!(!f.day_in_range(d("2026-02-01")));
        assert!(f.organisation_matches(Some("north trust")));
        assert!(!f.organisation_matches(None));
        let back = Filter {
            from: f.to,
            to: f.from,
            ..Filter::default()
        };
        assert!(back.validate().is_err());
    }

    #[test]
    fn what_a_person_typed_is_parsed_with_blanks_as_any() {
        let f = Filter::parse(
            Some("  North Trust "),
            Some("2026-01-01"),
            Some(" "),
            &["certified".into(), " ".into()],
        )
        .unwrap();
        assert_eq!(f.organisation.as_deref(), Some("North Trust"));
        assert_eq!(f.from, Some("2026-01-01".parse().unwrap()));
        assert_eq!((f.to, f.status.clone()), (None, vec![Standing::Certified]));
        assert_eq!(
            Filter::parse(Some(""), None, None, &[]).unwrap(),
            Filter::default()
        );
        let e = Filter::parse(None, Some("01/02/2026"), None, &[]).unwrap_err();
        assert_eq!(e.code(), "date", "{e}");
        assert!(Filter::parse(None, None, None, &["certfied".into()]).is_err());
    }
}
