//! The desktop shell's security settings, read from the files that make
//! them (tauri.conf.json, the capability, build.rs, the manifests, the UI's
//! sources). Fails when any of them regresses:
//! - a strict CSP: no `unsafe-*` anywhere, `data:`/`blob:` only in
//!   `img-src` (attachment thumbnails), nothing remote;
//! - one narrow capability for the `main` window: only the app's own
//!   commands and event listening, no plugin beyond those;
//! - no shell, fs, http or opener plugin in the manifests;
//! - every command declared in build.rs is handled and granted, and no other;
//! - no command takes a path from the webview;
//! - one UI module owns every `invoke`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every command source file, one per view in src-tauri/src/commands/.
fn all_commands() -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("src-tauri/src/commands"))
        .expect("commands folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read a commands file"))
        .collect()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("parse {rel}: {e}"))
}

/// The CSP's directives: name -> sources.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut parts = d.split_whitespace().map(str::to_owned);
            let name = parts.next().unwrap_or_default();
            (name, parts.collect())
        })
        .collect()
}

fn check_csp(which: &str, csp: &str, dev: bool) {
    assert!(!csp.contains("unsafe-"), "{which} allows unsafe-*: {csp}");
    let dirs = directives(csp);
    let get = |name: &str| dirs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    assert_eq!(
        get("default-src"),
        Some(vec!["'self'".to_owned()]),
        "{which}: default-src"
    );
    let script = get("script-src").unwrap_or_else(|| panic!("{which} has no script-src"));
    assert_eq!(script, vec!["'self'".to_owned()], "{which}: script-src");
    for (name, sources) in &dirs {
        for s in sources {
            let remote = s.starts_with("http:") || s.starts_with("https:") || s.starts_with("ws:");
            let allowed = s == "http://ipc.localhost" || (dev && s == "ws://localhost:5173");
            assert!(
                !remote || allowed,
                "{which}: {name} allows the remote source {s}"
            );
            assert!(
                s != "*" && !s.contains("*."),
                "{which}: {name} allows a wildcard {s}"
            );
        }
    }
    // `data:` serves the case wizard's thumbnails (the core's stored copy of
    // an image attachment): allowed for images, never for anything else.
    for (name, sources) in &dirs {
        for s in sources {
            if s == "data:" || s == "blob:" {
                assert_eq!(name, "img-src", "{which}: {name} allows {s}");
            }
        }
    }
    assert!(
        get("img-src").is_some_and(|v| v.iter().any(|s| s == "data:")),
        "{which}: img-src needs data: for the attachment thumbnails"
    );
    assert_eq!(
        get("object-src"),
        Some(vec!["'none'".to_owned()]),
        "{which}: object-src"
    );
    assert_eq!(
        get("frame-ancestors"),
        Some(vec!["'none'".to_owned()]),
        "{which}: frame-ancestors"
    );
}

#[test]
fn the_csp_is_strict() {
    let conf = json("tauri.conf.json");
    let security = &conf["app"]["security"];
    let csp = security["csp"].as_str().expect("app.security.csp is set");
    check_csp("csp", csp, false);
    let dev = security["devCsp"]
        .as_str()
        .expect("app.security.devCsp is set");
    check_csp("devCsp", dev, true);
    assert_eq!(
        conf["app"]["withGlobalTauri"],
        Value::Bool(false),
        "withGlobalTauri"
    );
    assert!(security
        .get("dangerousDisableAssetCspModification")
        .is_none());
    assert!(
        conf["app"]["security"].get("capabilities").is_none(),
        "capabilities belong in src-tauri/capabilities/"
    );
    let devurl = conf["build"]["devUrl"].as_str().unwrap_or("");
    assert!(
        devurl.starts_with("http://localhost:"),
        "devUrl must be local: {devurl}"
    );
    assert_eq!(
        conf["build"]["frontendDist"], "ui/dist",
        "the shipped app embeds ui/dist"
    );
}

fn declared_commands() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    let start = build
        .find("const COMMANDS")
        .expect("build.rs declares COMMANDS");
    let end = start + build[start..].find("];").expect("end of COMMANDS");
    build[start..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_is_declared_handled_and_granted_and_no_other() {
    let declared = declared_commands();
    assert!(declared.len() >= 20, "{declared:?}");

    let lib = read("src-tauri/src/lib.rs");
    let start = lib.find("generate_handler![").expect("generate_handler");
    let end = start + lib[start..].find(']').expect("end of generate_handler");
    let handled: BTreeSet<String> = lib[start + "generate_handler![".len()..end]
        .split(',')
        // `commands::VIEW::name`: the command is the last segment.
        .map(|s| s.trim().rsplit("::").next().unwrap_or("").to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(handled, declared, "generate_handler! and build.rs disagree");

    let commands = all_commands();
    let defined: BTreeSet<String> = commands
        .split("#[tauri::command]")
        .skip(1)
        .filter_map(|s| {
            let f = s.find("fn ")? + 3;
            let name: String = s[f..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            Some(name)
        })
        .collect();
    assert_eq!(defined, declared, "commands/*.rs and build.rs disagree");

    let caps: Vec<PathBuf> = std::fs::read_dir(root().join("src-tauri/capabilities"))
        .expect("capabilities folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(caps.len(), 1, "one capability file: {caps:?}");
    let cap: Value = serde_json::from_str(&std::fs::read_to_string(&caps[0]).expect("read"))
        .expect("capability json");
    assert_eq!(
        cap["windows"],
        serde_json::json!(["main"]),
        "only the main window"
    );
    assert!(
        cap.get("remote").is_none(),
        "no remote URLs may use the capability"
    );
    assert!(cap.get("webviews").is_none());
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a plain permission name").to_owned())
        .collect();
    let mut want: BTreeSet<String> = declared
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    want.insert("core:event:allow-listen".into());
    want.insert("core:event:allow-unlisten".into());
    assert_eq!(
        granted, want,
        "the capability grants exactly the app's commands and listening"
    );
}

#[test]
fn no_dangerous_plugin_is_a_dependency() {
    for manifest in ["Cargo.toml", "ui/package.json"] {
        let text = read(manifest);
        for plugin in [
            "plugin-shell",
            "plugin-fs",
            "plugin-http",
            "plugin-opener",
            "plugin-process",
        ] {
            assert!(!text.contains(plugin), "{manifest} depends on {plugin}");
        }
    }
}

#[test]
fn no_command_takes_a_path_from_the_webview() {
    let commands = all_commands();
    for part in commands.split("#[tauri::command]").skip(1) {
        let sig_end = part.find('{').unwrap_or(part.len());
        let sig = &part[..sig_end];
        let lower = sig.to_lowercase();
        assert!(
            !lower.contains("path") && !sig.contains("PathBuf") && !lower.contains("file:"),
            "a command takes a path from the webview: {}",
            sig.trim()
        );
    }
}

fn ts_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir)
        .expect("read ui/src")
        .filter_map(Result::ok)
    {
        let p = e.path();
        if p.is_dir() {
            ts_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "ts" || x == "svelte" || x == "js")
        {
            out.push(p);
        }
    }
}

#[test]
fn one_ui_module_owns_every_invoke() {
    let mut files = Vec::new();
    ts_files(&root().join("ui/src"), &mut files);
    assert!(!files.is_empty());
    let mut callers = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        if text.contains("@tauri-apps/api/core") || text.contains("__TAURI_INTERNALS__") {
            callers.push(f.strip_prefix(root()).unwrap_or(f).display().to_string());
        }
    }
    assert_eq!(
        callers,
        vec!["ui/src/api.ts".to_owned()],
        "invoke outside api.ts"
    );
}
