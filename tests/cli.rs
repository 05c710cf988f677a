//! The command line itself: help, completions, man page, schema.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

fn agendum(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("agendum")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn help_explains_itself_with_an_example_and_exit_codes() {
    let (code, out, _) = agendum(&["--help"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("agendum check schedules/sec-10-berlin.toml"),
        "{out}"
    );
    assert!(
        out.contains("2  an input could not be read or parsed"),
        "{out}"
    );
    let (code, out, _) = agendum(&["check", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Examples:"), "{out}");
    assert!(out.contains("--deny <DENY>"), "{out}");
}

#[test]
fn bad_arguments_exit_2() {
    let (code, _, err) = agendum(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("<FILE>"), "{err}");
    let (code, _, _) = agendum(&["frobnicate"]);
    assert_eq!(code, 2);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, _) = agendum(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(
            out.contains("check"),
            "{shell} completions name the subcommands"
        );
    }
    let (_, bash, _) = agendum(&["completions", "bash"]);
    assert!(bash.contains("complete -F _agendum"), "{bash}");
}

#[test]
fn man_page_is_roff() {
    let (code, out, _) = agendum(&["man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie \\n(.g .ds Aq") || out.contains(".TH agendum"),
        "{}",
        &out[..200.min(out.len())]
    );
    assert!(out.contains(".TH agendum 1"), "{out}");
}

#[test]
fn schema_describes_every_top_level_table() {
    let (code, out, _) = agendum(&["schema"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let props = v["properties"].as_object().unwrap();
    for table in [
        "meeting",
        "groups",
        "rooms",
        "people",
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
