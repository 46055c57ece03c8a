//! The gaming audit and the telegraphing lint through `rehearse check`:
//! a scenario whose best option is always the longest and declared first
//! fails the check, and the JSON carries a pass rate per strategy.

use crate::support::{rehearse, scratch_scenario, HEADER};

/// Three menus whose best option is long, first and the only good one.
fn telegraphed() -> String {
    let mut script = HEADER.replace("\"scratch\"", "\"telegraphed\"");
    for (id, next) in [("a", "b"), ("b", "c"), ("c", "end")] {
        script.push_str(&format!(
            r#"beat("{id}", #{{ line: "I keep going over it.", choices: [
    #{{ text: "It sounds as if it has been going round and round for you, and I'm here to listen for as long as you need.",
       next: "{next}", evidence: #{{ atmosphere: [2, "warm"], active_listening: [2, "reflects"] }} }},
    #{{ text: "What went wrong?", next: "{next}", evidence: #{{ atmosphere: [-2, "cold"], not_fact_finding: [-2, "probes"] }} }},
    #{{ text: "Let's move on.", next: "{next}", evidence: #{{ atmosphere: [-2, "rushes"], presence: [-1, "leaves"] }} }}] }});
"#
        ));
    }
    script.push_str(r#"ending("end", #{ line: "Thanks.", debrief: "Done." });"#);
    script
}

#[test]
fn a_telegraphed_scenario_fails_the_audit_and_the_lint() {
    let (_tmp, dir) = scratch_scenario("telegraphed", &telegraphed());
    let path = dir.to_str().unwrap();
    let run = rehearse(&["check", "--explore", "50", "--seed", "1", path]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    for code in [
        "error[E031]",
        "error[E038]",
        "error[E039]",
        "warning[W111]",
        "warning[W112]",
    ] {
        assert!(run.stdout.contains(code), "{code} missing:\n{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("rehearse play telegraphed --mode assessment --seed 1"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("GAMEABLE"), "{}", run.stdout);

    let json = rehearse(&[
        "check",
        "--format",
        "json",
        "--explore",
        "50",
        "--seed",
        "1",
        path,
    ]);
    assert_eq!(json.code, 1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let strategies = v[0]["exploration"]["audit"]["strategies"]
        .as_array()
        .expect("per-strategy results");
    let rate = |id: &str| {
        strategies
            .iter()
            .find(|s| s["strategy"] == id)
            .and_then(|s| s["pass_rate"].as_f64())
            .unwrap_or_else(|| panic!("no pass rate for {id}: {strategies:?}"))
    };
    assert_eq!(rate("longest"), 1.0);
    assert_eq!(rate("shortest"), 0.0);
    assert_eq!(rate("silence"), 0.0);
    for id in [
        "position_1",
        "position_2",
        "position_3",
        "keyword_salad",
        "random",
    ] {
        let r = rate(id);
        assert!((0.0..=1.0).contains(&r), "{id}: {r}");
    }
    let random = strategies
        .iter()
        .find(|s| s["strategy"] == "random")
        .unwrap();
    assert_eq!(random["walks"], 50);
    let codes: Vec<&str> = v[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"E031") && codes.contains(&"E038"),
        "{codes:?}"
    );
}
