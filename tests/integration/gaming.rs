//! The gaming audit through the real terminal player (issue #9): in
//! assessment mode, on every bundled scenario and seeds 1–3, a trainee who
//! always presses the same number, always picks the longest or the shortest
//! option, or always stays silent does not pass.
//!
//! The test plays `rehearse play --mode assessment --json` in lockstep: it
//! reads each menu the player prints, answers it by the strategy, and reads
//! the report at the end, as a person at the keyboard would.

use crate::support::scenarios;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

/// Turns after which a strategy gives up (the attempt stays incomplete).
const MAX_TURNS: usize = 150;

#[derive(Debug, Clone, Copy)]
enum Strategy {
    Position(usize),
    Longest,
    Shortest,
    /// The second longest: the habit a trainee learns once the longest is
    /// known to be wrong.
    SecondLongest,
    Silence,
}

impl Strategy {
    /// The line to type for a menu (empty when the menu is hidden, as at an
    /// own-words beat in assessment, where a number is typed as words).
    fn answer(self, menu: &[String]) -> String {
        let pick = |f: &dyn Fn(&[String]) -> usize| (f(menu) + 1).to_string();
        match self {
            Strategy::Silence => "/silence".into(),
            _ if menu.is_empty() => "1".into(),
            Strategy::Position(k) => k.min(menu.len()).to_string(),
            Strategy::Longest => pick(&|m| {
                (0..m.len())
                    .max_by_key(|i| (m[*i].chars().count(), std::cmp::Reverse(*i)))
                    .unwrap()
            }),
            Strategy::SecondLongest => pick(&|m| {
                let mut by_len: Vec<usize> = (0..m.len()).collect();
                by_len.sort_by_key(|i| (std::cmp::Reverse(m[*i].chars().count()), *i));
                by_len[1.min(by_len.len() - 1)]
            }),
            Strategy::Shortest => pick(&|m| {
                (0..m.len())
                    .min_by_key(|i| (m[*i].chars().count(), *i))
                    .unwrap()
            }),
        }
    }
}

/// Plays one scenario with one strategy and seed; returns whether the
/// attempt ended and passed, and the inputs typed (to reproduce it).
fn play(scenario: &str, seed: u64, strategy: Strategy) -> (bool, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args([
            "play",
            scenario,
            "--mode",
            "assessment",
            "--seed",
            &seed.to_string(),
            "--json",
        ])
        .env("REHEARSE_SCENARIOS", scenarios())
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("rehearse-it-gaming"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rehearse starts");
    let mut stdin = child.stdin.take();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut menu: Vec<String> = Vec::new();
    let mut typed: Vec<String> = Vec::new();
    let mut all: Vec<String> = Vec::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        let trimmed = line.trim_start();
        if let Some((n, text)) = trimmed.split_once(". ") {
            if n.parse::<usize>().is_ok_and(|n| n == menu.len() + 1) {
                menu.push(text.to_string());
            }
        }
        if line.contains("/silence to stay silent") {
            match stdin.as_mut() {
                // Closing the input ends an attempt that goes nowhere.
                Some(_) if typed.len() >= MAX_TURNS => drop(stdin.take()),
                Some(w) => {
                    let answer = strategy.answer(&menu);
                    writeln!(w, "{answer}").unwrap();
                    typed.push(answer);
                }
                None => {}
            }
            menu.clear();
        } else if line.starts_with("> ") {
            menu.clear();
        }
        all.push(line);
    }
    drop(stdin);
    let status = child.wait().unwrap();
    let start = all.iter().rposition(|l| l == "{");
    let passed = match start {
        Some(s) if status.success() => {
            let json: serde_json::Value = serde_json::from_str(&all[s..].join("\n"))
                .unwrap_or_else(|e| panic!("{scenario}: the report is not JSON: {e}"));
            json["passed"].as_bool().unwrap()
        }
        _ => false,
    };
    (passed, typed)
}

fn bundled() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(scenarios())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("scenario.rhai").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn naive_strategies_fail_every_bundled_assessment_in_the_terminal_player() {
    let ids = bundled();
    assert!(ids.len() >= 9, "{ids:?}");
    let mut strategies: Vec<Strategy> = (1..=5).map(Strategy::Position).collect();
    strategies.extend([
        Strategy::Longest,
        Strategy::SecondLongest,
        Strategy::Shortest,
        Strategy::Silence,
    ]);
    let mut runs: Vec<(&String, u64, Strategy)> = Vec::new();
    for id in &ids {
        for seed in 1..=3 {
            runs.extend(strategies.iter().map(|s| (id, seed, *s)));
        }
    }
    // Two players at a time: each run is its own process.
    let passes: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .chunks(runs.len().div_ceil(2))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|(id, seed, s)| {
                            let (passed, typed) = play(id, *seed, *s);
                            passed.then(|| format!(
                                "{id} seed {seed} {s:?}: rehearse play {id} --mode assessment --seed {seed} with {typed:?}"
                            ))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        passes.is_empty(),
        "naive strategies passed:\n{}",
        passes.join("\n")
    );
}

#[test]
fn the_driver_sees_a_pass_when_the_strategy_does_play_well() {
    // A one-beat scenario whose only choice is good: position 1 passes and
    // silence (which goes nowhere) does not, so the driver can tell them apart.
    let (_dir, path) = crate::support::scratch_scenario(
        "lockstep",
        r#"scenario(#{ id: "lockstep", version: "1.0.0", title: "T", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
beat("a", #{ line: "Hello.", choices: [#{ id: "greet", text: "Hello, take a seat.", next: "end", evidence: #{ atmosphere: [2, "warm"] } }] });
ending("end", #{ line: "Thanks.", debrief: "Fine." });"#,
    );
    let path = path.to_string_lossy().into_owned();
    assert!(play(&path, 1, Strategy::Position(1)).0);
    assert!(play(&path, 1, Strategy::Longest).0);
    let (passed, typed) = play(&path, 1, Strategy::Silence);
    assert!(!passed);
    assert_eq!(typed.len(), MAX_TURNS);
}
