//! The workspace's single integration-test binary (the ripgrep layout):
//! each module drives the real `rehearse` binary or the core crate over the
//! bundled library.

mod analyse_cli;
mod analyser_corpus;
mod analytics;
mod architecture;
mod authoring;
mod certificate;
mod cohort_seed;
mod crash;
mod credentials;
mod esconv;
mod exports;
mod gaming;
mod gaming_audit;
mod hostile;
mod library;
mod locale;
mod lrs;
mod observed;
mod records;
mod starter;
mod support;
mod tamper;
mod translation;
