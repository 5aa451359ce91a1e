//! `copydesk check`: output formats, exit codes, stdin, the house style file, Markdown.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn copydesk(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copydesk");
    let mut input = child.stdin.take().unwrap();
    // copydesk may exit (on a usage error) before reading its input: a closed pipe is fine.
    match input.write_all(stdin.unwrap_or("").as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn temp_folder(files: &[(&str, &str)]) -> tempfile_dir::Dir {
    let dir = tempfile_dir::Dir::new();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A throwaway folder under the target directory, removed on drop.
mod tempfile_dir {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub struct Dir(PathBuf);
    static N: AtomicUsize = AtomicUsize::new(0);

    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir().join(format!(
                "copydesk-cli-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = std::fs::remove_dir_all(&p);
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

const UNATTRIBUTED: &str =
    "Le maire a présenté le budget mardi.\n\n« Nous ne céderons rien sur les écoles. »\n";
const CLEAN: &str = "Le maire a présenté le budget mardi, sans surprise.\n";

#[test]
fn human_output_looks_like_a_compiler_and_exit_code_is_1() {
    let dir = temp_folder(&[("a.txt", UNATTRIBUTED)]);
    let out = copydesk(&["check", "a.txt"], dir.path(), None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("a.txt:3:1: warning[unattributed-quote]: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("3 | « Nous ne céderons rien sur les écoles. »"),
        "{stdout}"
    );
    assert!(stdout.contains("  | ^^^^^^^^^^"), "{stdout}");
}

#[test]
fn clean_articles_exit_0_and_folders_are_walked() {
    let dir = temp_folder(&[
        ("desk/one.txt", CLEAN),
        ("desk/two.md", CLEAN),
        ("desk/skip.rs", UNATTRIBUTED),
    ]);
    let out = copydesk(&["check", "desk"], dir.path(), None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("2 articles checked: 0 findings"),
        "{stdout}"
    );
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = temp_folder(&[]);
    let out = copydesk(
        &["check", "--format", "json", "-"],
        dir.path(),
        Some(UNATTRIBUTED),
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["version"], 1);
    let file = &report["files"][0];
    assert_eq!(file["path"], "<stdin>");
    assert_eq!(file["language"], "fr");
    let f = &file["findings"][0];
    assert_eq!(f["code"], "unattributed-quote");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["start"]["line"], 3);
    assert_eq!(f["start"]["column"], 1);
    assert!(f["start"]["offset"].is_number() && f["end"]["offset"].is_number());
    assert!(f["related"].is_array() && f["fixes"].is_array());
    assert_eq!(report["summary"]["findings"], 1);
}

#[test]
fn sarif_output_has_rules_and_results() {
    let dir = temp_folder(&[("a.txt", UNATTRIBUTED)]);
    let out = copydesk(&["check", "--format", "sarif", "a.txt"], dir.path(), None);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif json");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "copydesk");
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() >= 5);
    let r = &run["results"][0];
    assert_eq!(r["ruleId"], "unattributed-quote");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

#[test]
fn usage_and_io_errors_exit_2_with_advice() {
    let dir = temp_folder(&[("bad.txt", "")]);
    std::fs::write(dir.path().join("bad.txt"), [b'a', 0xff, b'b']).unwrap();
    let out = copydesk(&["check", "bad.txt"], dir.path(), None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));
    let out = copydesk(&["check", "missing.txt"], dir.path(), None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    let out = copydesk(&["check", "--language", "de", "-"], dir.path(), Some(CLEAN));
    assert_eq!(out.status.code(), Some(2));
    let out = copydesk(&["check"], dir.path(), None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_house_style_file_sets_severities_and_a_malformed_one_is_reported() {
    let style = "[severity]\nunattributed-quote = \"off\"\n";
    let dir = temp_folder(&[("copydesk.toml", style), ("a.txt", UNATTRIBUTED)]);
    let out = copydesk(&["check", "."], dir.path(), None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[severity]\nunattributed-quote = \"loud\"\n",
    )
    .unwrap();
    let out = copydesk(&["check", "."], dir.path(), None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("copydesk.toml:2:22: unknown severity `loud`"),
        "{stderr}"
    );
}

#[test]
fn quotes_in_markdown_code_are_not_flagged_but_prose_is() {
    let md = "# Budget\n\n```\n« Une citation dans du code. »\n```\n\nVoir `« inline »`.\n\n« Nous ne céderons rien sur les écoles. »\n";
    let dir = temp_folder(&[("a.md", md)]);
    let out = copydesk(&["check", "--format", "json", "a.md"], dir.path(), None);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap();
    let lines: Vec<_> = findings
        .iter()
        .map(|f| f["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![9], "{findings:?}");
}

/// A folder where one name is spelled two ways across many articles: the odd spelling's
/// findings weigh the whole folder, name a few articles and count the rest.
#[test]
fn a_name_across_many_articles_names_a_few_and_counts_the_rest() {
    let mut files = Vec::new();
    for n in 0..10 {
        files.push((
            format!("house-{n:02}.fr.txt"),
            "Le fondateur de Wagner, Evgueni Prigojine, a quitté Moscou. M. Prigojine s’est tu.\n"
                .to_string(),
        ));
    }
    for n in 0..6 {
        files.push((
            format!("wire-{n:02}.fr.txt"),
            "Le fondateur de Wagner, Evgueni Prigozhin, est arrivé à Minsk.\n".to_string(),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = temp_folder(&files);
    let out = copydesk(&["check", "."], dir.path(), None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let variants: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("warning[name-variant]"))
        .collect();
    assert_eq!(variants.len(), 6, "{stdout}");
    let first = variants
        .iter()
        .find(|l| l.contains("wire-00.fr.txt"))
        .expect("a finding in wire-00");
    assert!(
        first.contains(
            "Prigojine (20× across the folder) is also spelled Prigozhin (1×) in this article"
        ),
        "{first}"
    );
    // Three other articles are named, the other two are counted.
    assert_eq!(first.matches("Prigozhin in wire-").count(), 3, "{first}");
    assert!(first.contains("and in 2 more articles"), "{first}");
    assert!(!first.contains("wire-00.fr.txt ("), "{first}");
}
