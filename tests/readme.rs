//! The README stays true: every command it shows in a `sh` block runs, in a
//! scratch copy of `schedules/`, and succeeds. (The portal-export example
//! names a list the reader has and we do not; it is run by tests/import.rs
//! on generated lists instead. The `--smtp` examples name the reader's mail
//! server; tests/invite.rs sends through a real one on 127.0.0.1.)

use std::path::Path;

use crate::support::{ROOT, agendum};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_command_in_the_readme_runs() {
    let root = Path::new(ROOT);
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("schedules"), &dir.path().join("schedules"));
    copy_dir(&root.join("tests/bad"), &dir.path().join("tests/bad"));

    let mut in_sh = false;
    let mut ran = 0;
    for line in readme.lines() {
        match line.trim() {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            _ if in_sh => {
                let command = line.split(" #").next().unwrap_or(line).trim();
                let rest = command
                    .strip_prefix("agendum ")
                    .or_else(|| command.strip_prefix("cargo run --release -- "));
                let Some(rest) = rest else { continue };
                if rest.contains("TDoc_List") || rest.contains("sa3-114") || rest.contains("--smtp")
                {
                    continue;
                }
                // (A command that fails fails the test, with its output.)
                agendum()
                    .shell(rest)
                    .current_dir(dir.path())
                    .env("SOURCE_DATE_EPOCH", "1400000000")
                    .success()
                    .run();
                ran += 1;
            }
            _ => {}
        }
    }
    assert!(ran >= 15, "only {ran} README commands found");
}
