//! The command line itself: help, completions, man page, schema.

use crate::support::agendum;

#[test]
fn help_explains_itself_with_an_example_and_exit_codes() {
    agendum()
        .arg("--help")
        .success()
        .stdout_contains("agendum check schedules/sec-10-berlin.toml")
        .stdout_contains("2  an input could not be read or parsed")
        .run();
    agendum()
        .args(["check", "--help"])
        .success()
        .stdout_contains("Examples:")
        .stdout_contains("--deny <DENY>")
        .run();
}

#[test]
fn bad_arguments_exit_2() {
    agendum()
        .arg("check")
        .status(2)
        .stderr_contains("<FILE>")
        .run();
    agendum().arg("frobnicate").status(2).run();
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        // The completions name the subcommands.
        agendum()
            .args(["completions", shell])
            .success()
            .stdout_contains("check")
            .run();
    }
    agendum()
        .args(["completions", "bash"])
        .stdout_contains("complete -F _agendum")
        .run();
}

#[test]
fn man_page_is_roff() {
    let out = agendum().arg("man").success().run().stdout;
    assert!(
        out.starts_with(".ie \\n(.g .ds Aq") || out.contains(".TH agendum"),
        "{}",
        &out[..200.min(out.len())]
    );
    assert!(out.contains(".TH agendum 1"), "{out}");
}

#[test]
fn schema_describes_every_top_level_table() {
    let out = agendum().arg("schema").success().run().stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = v["properties"].as_object().unwrap();
    for table in [
        "meeting",
        "groups",
        "rooms",
        "people",
        "tracks",
        "sessions",
        "agenda",
        "contributions",
        "actions",
        "next_meetings",
    ] {
        assert!(props.contains_key(table), "schema lacks {table}");
    }
    assert_eq!(v["required"], serde_json::json!(["meeting"]));
    // Unknown fields are refused by the loader, and the schema says so too.
    assert_eq!(v["additionalProperties"], false);
}
