//! TypeScript declarations of the view models the desktop page receives
//! and sends, generated from the Rust types with `ts-rs` (feature `ts`).
//!
//! The page is plain ES modules with no bundler, so the declarations go to
//! one file, `ui/js/bindings.d.ts`, that the browser never loads: the page's
//! JSDoc comments import its types (`@returns {Promise<import("./bindings").PlayerView>}`),
//! which editors and `tsc --checkJs` read. The desktop shell's IPC tests
//! regenerate the file and fail when the committed one differs, and fail
//! when the page names a type the file does not declare.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use ts_rs::{TypeVisitor, TS};

/// The file's first lines.
const HEADER: &str =
    "// Generated from the Rust view models by `rehearse_app::bindings` (ts-rs).\n\
// Do not edit: run `REHEARSE_WRITE_BINDINGS=1 cargo test -p rehearse-desktop --lib bindings`\n\
// after changing a view model. The page imports these types in JSDoc only.\n";

/// Collects each type's declaration and those of every type it refers to.
#[derive(Default)]
struct Collect {
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Primitives, containers and std types have no file of their own:
        // they are written inline where they are used.
        if T::output_path().is_some() {
            let mut decl = T::docs().unwrap_or_default();
            decl.push_str("export ");
            decl.push_str(&T::decl());
            self.decls.insert(T::ident(), decl);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// Every declaration of the IPC view models, in one TypeScript
/// declaration file's text, in name order.
pub fn declarations() -> String {
    let mut c = Collect::default();
    // What the commands return and what they are sent.
    c.visit::<crate::error::ErrorView>();
    c.visit::<crate::library::ScenarioCard>();
    c.visit::<crate::people::Profile>();
    c.visit::<crate::people::StaffView>();
    c.visit::<crate::view::PlayerView>();
    c.visit::<crate::attempt::InProgressView>();
    c.visit::<crate::view::DebriefView>();
    c.visit::<crate::view::StatusView>();
    c.visit::<crate::dashboard::DashboardView>();
    c.visit::<crate::check::FolderCheck>();
    c.visit::<crate::check::ScenarioCheck>();
    c.visit::<crate::filter::FilterInput>();
    c.visit::<crate::accreditation::ExportRequest>();
    c.visit::<crate::accreditation::ExportDone>();
    c.visit::<crate::accreditation::OutboxView>();
    c.visit::<crate::accreditation::PushOutcome>();
    c.visit::<crate::accreditation::Progress>();
    c.visit::<crate::check::FolderChanged>();
    c.visit::<crate::settings::LocaleMessages>();
    c.visit::<crate::analytics::CohortQuery>();
    c.visit::<crate::analytics::CohortView>();
    c.visit::<crate::certificate::CertificateRequest>();
    c.visit::<crate::certificate::CertificateSaved>();
    c.visit::<crate::moderation::TrainerView>();
    c.visit::<crate::moderation::QueueRow>();
    c.visit::<crate::moderation::ModerationView>();
    c.visit::<crate::observation::ObservationOverview>();
    c.visit::<crate::observation::ObservationInput>();
    c.visit::<crate::observation::RecordedObservation>();
    c.visit::<crate::workbench::GraphView>();
    c.visit::<crate::workbench::TestResult>();
    c.visit::<crate::workbench::ExplorationView>();
    c.visit::<rehearse_core::export::RosterPage>();
    c.visit::<rehearse_core::export::FileVerdict>();
    let mut out = String::from(HEADER);
    for decl in c.decls.values() {
        out.push('\n');
        out.push_str(&as_json_numbers(decl));
        out.push('\n');
    }
    out
}

/// ts-rs declares 64-bit integers as `bigint`, but `serde_json` writes them
/// as JSON numbers and the page's `JSON.parse` reads them as `number`: the
/// declarations say what the page receives. (Every such value here, counts,
/// sizes and explorer seeds, is below 2^53 in practice; a seed above it
/// would lose precision in the page, which is why seeds are shown, not
/// computed on.)
fn as_json_numbers(decl: &str) -> String {
    let mut out = String::with_capacity(decl.len());
    let mut rest = decl;
    while let Some(at) = rest.find("bigint") {
        let before = rest[..at].chars().next_back();
        let after = rest[at + "bigint".len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        out.push_str(&rest[..at]);
        out.push_str(if word(before) || word(after) {
            "bigint"
        } else {
            "number"
        });
        rest = &rest[at + "bigint".len()..];
    }
    out.push_str(rest);
    out
}

/// The names [`declarations`] declares.
pub fn declared_names() -> Vec<String> {
    declarations()
        .lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .filter_map(|l| l.split([' ', '<']).next())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declarations_follow_the_serde_names() {
        let d = declarations();
        // rename_all = "snake_case" on the progress enum.
        assert!(d.contains("\"not_tried\""), "{d}");
        // The conversation view flattens the core's view into its own.
        let player = d
            .split("export type PlayerView")
            .nth(1)
            .and_then(|rest| rest.split("\nexport type").next())
            .expect("PlayerView declared");
        assert!(player.contains("speaker"), "{player}");
        assert!(!d.contains("bigint"), "64-bit integers are JSON numbers");
        assert_eq!(
            as_json_numbers("a: bigint, b: Array<bigint>, bigints: x"),
            "a: number, b: Array<number>, bigints: x"
        );
        let names = declared_names();
        for n in [
            "ScenarioCard",
            "PlayerView",
            "ErrorView",
            "Difficulty",
            "Meter",
        ] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
    }
}
