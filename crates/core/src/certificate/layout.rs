//! What a certificate says, read off the signed credential: the PDF and
//! HTML renderers draw only this, so the printed copy cannot state
//! anything the credential does not.

use super::qr::Payload;
use crate::certification::Status;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

/// One competency line: its title and the level the credential states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CompetencyLine {
    /// Competency id.
    pub id: String,
    /// Competency title.
    pub title: String,
    /// Level id.
    pub level: String,
    /// Level in words.
    pub level_label: String,
}

/// A certificate's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    /// The achievement (`Second victim peer supporter`).
    pub achievement: String,
    /// The achievement's description (names the policy version).
    pub description: String,
    /// The trainee's display name, from the records (credentials are
    /// pseudonymous, so it is the one line not read off the credential).
    pub trainee_name: String,
    /// The credential subject (`urn:uuid:…`).
    pub subject: String,
    /// The credential id (`urn:uuid:…`).
    pub credential_id: String,
    /// The issuer's name.
    pub issuer_name: String,
    /// The issuer's id (`did:key:…`).
    pub issuer_id: String,
    /// The day the credential was signed (its proof's `created`).
    pub issued_on: NaiveDate,
    /// The first valid day (`validFrom`).
    pub valid_from: NaiveDate,
    /// The last valid day (the day before `validUntil`).
    pub expires_on: NaiveDate,
    /// Every competency the credential states, in framework order.
    pub competencies: Vec<CompetencyLine>,
    /// How many passed assessments it rests on (its evidence entries).
    pub assessments: usize,
    /// The certification status when printed, in words.
    pub status: String,
    /// The verification code the QR carries.
    pub payload: Payload,
}

fn text<'a>(v: &'a Value, what: &str) -> Result<&'a str> {
    v.as_str()
        .ok_or_else(|| Error::Credential(format!("the credential has no {what}")))
}

fn instant(v: &Value, what: &str) -> Result<DateTime<Utc>> {
    let s = text(v, what)?;
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| Error::Credential(format!("{what} \"{s}\" is not an RFC 3339 date-time")))
}

impl Certificate {
    /// The certificate of a signed credential for `trainee_name`, with the
    /// trainee's status in words.
    pub fn from_credential(
        credential: &Value,
        trainee_name: &str,
        status: &Status,
    ) -> Result<Certificate> {
        let subject = &credential["credentialSubject"];
        let achievement = &subject["achievement"];
        let until = instant(&credential["validUntil"], "validUntil")?.date_naive();
        let expires_on = until
            .checked_sub_days(Days::new(1))
            .ok_or_else(|| Error::Credential(format!("validUntil {until} is out of range")))?;
        let issuer = &credential["issuer"];
        let mut competencies = Vec::new();
        for c in Competency::ALL {
            let level = subject["result"].as_array().and_then(|results| {
                results.iter().find_map(|r| {
                    let code = r["alignment"][0]["targetCode"].as_str()?;
                    (code == c.id()).then(|| r["value"].as_str())?
                })
            });
            if let Some(level) = level {
                let parsed: Level = level.parse().map_err(|_| {
                    Error::Credential(format!(
                        "the credential states level \"{level}\" for {}, which is not a level",
                        c.id()
                    ))
                })?;
                competencies.push(CompetencyLine {
                    id: c.id().to_string(),
                    title: c.title().to_string(),
                    level: parsed.id().to_string(),
                    level_label: parsed.label().to_string(),
                });
            }
        }
        Ok(Certificate {
            achievement: text(&achievement["name"], "achievement name")?.to_string(),
            description: achievement["description"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            trainee_name: trainee_name.to_string(),
            subject: text(&subject["id"], "credentialSubject id")?.to_string(),
            credential_id: text(&credential["id"], "id")?.to_string(),
            issuer_name: issuer["name"].as_str().unwrap_or_default().to_string(),
            issuer_id: match issuer {
                Value::String(s) => s.clone(),
                v => text(&v["id"], "issuer id")?.to_string(),
            },
            issued_on: instant(&credential["proof"]["created"], "proof time")?.date_naive(),
            valid_from: instant(&credential["validFrom"], "validFrom")?.date_naive(),
            expires_on,
            competencies,
            assessments: credential["evidence"].as_array().map_or(0, Vec::len),
            status: status.headline(),
            payload: Payload::of(credential)?,
        })
    }

    /// The command that checks a printed copy against the credential.
    pub fn verify_command(&self) -> String {
        format!(
            "rehearse verify --printed \"{}\" CREDENTIAL.json --issuer ISSUER-PROFILE.json",
            self.payload
        )
    }

    /// Every piece of text the certificate prints, in reading order (the
    /// renderers check these all fit their font before drawing anything).
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![
            self.achievement.as_str(),
            &self.description,
            &self.trainee_name,
            &self.subject,
            &self.credential_id,
            &self.issuer_name,
            &self.issuer_id,
            &self.status,
        ];
        for c in &self.competencies {
            out.push(&c.title);
            out.push(&c.level_label);
        }
        out
    }
}

/// The words a date is printed in (`1 March 2026`).
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}
