//! `aispend topup diagnose` end to end: the JSON contract of SPEC §9, the
//! text output, and bad facts files (exit 2, `FILE:LINE:COL: field ...`).

mod common;
use common::Env;

impl Env {
    fn write(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write facts");
        p.display().to_string()
    }
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/topup/{name}.json")
}

#[test]
fn json_follows_the_contract() {
    let env = Env::empty();
    let f = fixture("negative_offset_exact");
    let v = env.json(&["topup", "diagnose", "--facts", &f, "--json"]);
    let top = &v["diagnoses"][0];
    assert_eq!(top["code"], "negative_balance_offset");
    assert_eq!(top["confidence"].as_u64(), Some(95));
    assert!(top["explanation"]
        .as_str()
        .is_some_and(|s| s.contains("-8.00 USD")));
    let ev = top["evidence"].as_array().expect("evidence list");
    let before = ev
        .iter()
        .find(|e| e["fact"] == "balance_before")
        .expect("balance_before cited");
    assert_eq!(before["value"], "-8.00", "amounts are decimal strings");
    assert_eq!(before["source"], "user");
    assert_eq!(before["rows"], serde_json::json!([]));
    assert_eq!(v["first_contact"], "none");
    // The top-up arrived (it repaid a negative balance): nothing to hold off.
    assert_eq!(v["do_not"], serde_json::json!([]));
    let missing = v["missing_facts"].as_array().expect("missing_facts list");
    assert_eq!(missing[0]["fact"], "recognized_charge");
    assert!(missing[0]["question"].is_string());
    assert!(v["next_steps"].as_array().is_some_and(|s| !s.is_empty()));
    // Every fact from the file, with its source.
    let facts = v["facts"].as_array().expect("facts list");
    assert!(facts
        .iter()
        .any(|e| e["fact"] == "amount" && e["value"] == "10.00" && e["source"] == "user"));
}

#[test]
fn json_anywhere_on_the_line() {
    let env = Env::empty();
    let f = fixture("bank_pending_no_record");
    let v = env.json(&["--json", "topup", "diagnose", "--facts", &f]);
    assert_eq!(v["diagnoses"][0]["code"], "bank_authorization_only");
    assert_eq!(v["first_contact"], "issuing_bank");
    assert_eq!(v["do_not"], serde_json::json!(["pay_again", "chargeback"]));
}

#[test]
fn pasted_api_errors_are_read() {
    let env = Env::empty();
    for (name, code) in [
        ("rate_limit_pasted", "not_billing_rate_limit"),
        ("invalid_key_python_sdk", "not_billing_invalid_key"),
        ("anthropic_credit_too_low_pasted", "quota_exhausted"),
        ("unsupported_region_api", "unsupported_region"),
    ] {
        let v = env.json(&["topup", "diagnose", "--facts", &fixture(name), "--json"]);
        assert_eq!(v["diagnoses"][0]["code"], code, "{name}");
    }
    // The same text typed into a file by hand.
    let f = env.write(
        "pasted.json",
        r#"{"api_error": "Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}", "now": "2026-03-02T10:00:00Z"}"#,
    );
    let v = env.json(&["topup", "diagnose", "--facts", &f, "--json"]);
    assert_eq!(v["diagnoses"][0]["code"], "quota_exhausted");
    let api = v["facts"]
        .as_array()
        .and_then(|f| f.iter().find(|e| e["fact"] == "api_error"))
        .expect("api_error listed");
    assert_eq!(api["value"]["status"], 429);
    assert_eq!(api["value"]["code"], "insufficient_quota");
}

#[test]
fn now_comes_from_the_flag_then_the_file_then_the_clock() {
    let env = Env::empty();
    let f = fixture("delay_paid_3_minutes_ago");
    let v = env.json(&["topup", "diagnose", "--facts", &f, "--json"]);
    assert_eq!(v["diagnoses"][0]["code"], "balance_update_delay");
    assert_eq!(v["first_contact"], "wait");
    // Two hours later, a slow update no longer explains it.
    let v = env.json(&[
        "topup",
        "diagnose",
        "--facts",
        &f,
        "--now",
        "2026-03-02T12:00:00Z",
        "--json",
    ]);
    assert_ne!(v["diagnoses"][0]["code"], "balance_update_delay");
    // No `now` anywhere: the clock fills it, and says so.
    let f = env.write("no_now.json", r#"{"bank_status": "pending"}"#);
    let v = env.json(&["topup", "diagnose", "--facts", &f, "--json"]);
    let now = v["facts"]
        .as_array()
        .and_then(|f| f.iter().find(|e| e["fact"] == "now"))
        .expect("now listed");
    assert_eq!(now["source"], "clock");
}

#[test]
fn text_output_leads_with_the_top_diagnosis() {
    let env = Env::empty();
    let (code, out, err) = env.run(&[
        "topup",
        "diagnose",
        "--facts",
        &fixture("wrong_org_no_billing_rights"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "Most likely: Credits went to another organization or project \
             (wrong_organization, confidence 92/100)\n"
        ),
        "{out}"
    );
    let first = out.find("First contact:").expect("first contact");
    let do_not = out.find("Do not, for now:").expect("do not");
    assert!(first < do_not, "{out}");
    assert!(out.contains("(org_owner)"), "{out}");
    assert!(
        out.contains("(pay_again)") && out.contains("(chargeback)"),
        "{out}"
    );
    assert!(out.contains("Also possible:"), "{out}");
    // Nothing known: no cause yet, but the questions.
    let (code, out, _) = env.run(&["topup", "diagnose", "--facts", &fixture("nothing_known")]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Not enough facts"), "{out}");
    assert!(
        out.contains("Questions that could change this answer:"),
        "{out}"
    );
}

#[test]
fn bad_facts_files_exit_2_with_the_place_and_what_was_expected() {
    let env = Env::empty();
    let bad = env.write(
        "bad.json",
        "{\n  \"amount\": \"10.00\",\n  \"bank_status\": \"pendng\"\n}\n",
    );
    let (code, out, err) = env.run(&["topup", "diagnose", "--facts", &bad, "--json"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    // With --json the error is one JSON object: code, id, args, message.
    let err: serde_json::Value = serde_json::from_str(err.trim()).expect("a JSON error");
    assert_eq!(err["code"], "bad-input");
    assert_eq!(
        err["message"].as_str().unwrap_or_default(),
        format!("{bad}:3:3: field \"bank_status\": \"pendng\" is not one of the allowed values; expected one of \"none\", \"pending\", \"settled\", \"declined\" or \"reversed\"")
    );

    let amount = env.write("amount.json", r#"{"amount": 10.5}"#);
    let (code, _, err) = env.run(&["topup", "diagnose", "--facts", &amount]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "{amount}:1:2: field \"amount\": 10.5 is a JSON number"
        )),
        "{err}"
    );
    assert!(err.contains("expected a decimal string"), "{err}");

    let broken = env.write(
        "broken.json",
        "{\n  \"amount\": \"10.00\"\n  \"currency\": \"USD\"\n}",
    );
    let (code, _, err) = env.run(&["topup", "diagnose", "--facts", &broken]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!(
            "aispend: {broken}:3:3: not valid JSON: expected `,` or `}}`"
        )),
        "{err}"
    );

    let unreadable = env.write("paste.json", r#"{"api_error": "the API said no"}"#);
    let (code, _, err) = env.run(&["topup", "diagnose", "--facts", &unreadable]);
    assert_eq!(code, 2);
    assert!(
        err.contains("field \"api_error\": no error body or known error code"),
        "{err}"
    );

    let list = env.write("list.json", "[]");
    let (code, _, err) = env.run(&["topup", "diagnose", "--facts", &list]);
    assert_eq!(code, 2);
    assert!(err.contains("must be a JSON object"), "{err}");

    let (code, _, err) = env.run(&["topup", "diagnose", "--facts", "no/such/facts.json"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("aispend: no/such/facts.json: cannot read the facts file"),
        "{err}"
    );

    let (code, _, _) = env.run(&[
        "topup",
        "diagnose",
        "--facts",
        &fixture("quota_plain"),
        "--now",
        "yesterday",
    ]);
    assert_eq!(code, 2);
}

/// The ledger of someone who topped up 20.00 USD weeks ago: the card line
/// settled, the provider's payment record succeeded, and the cost exports
/// show the API used on the days after.
fn used_up_ledger(with_costs: bool) -> Env {
    let env = Env::empty();
    env.json(&[
        "import",
        "tests/fixtures/topup/ledger/Citi-card-2026-01.CSV",
        "--json",
    ]);
    env.json(&[
        "payments",
        "add",
        "--date",
        "2026-01-16",
        "--paid-at",
        "2026-01-16T14:20:00Z",
        "--amount",
        "20.00",
        "--json",
    ]);
    if with_costs {
        env.json(&[
            "import",
            "tests/fixtures/topup/ledger/cost_2026-01-16_2026-01-28.csv",
            "--json",
        ]);
    }
    env
}

fn ledger_fact<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["facts"]
        .as_array()
        .and_then(|f| f.iter().find(|e| e["fact"] == name))
        .unwrap_or_else(|| panic!("{name} not listed: {v}"))
}

#[test]
fn credit_used_up_weeks_after_a_settled_top_up_is_bought_again_not_chased() {
    let env = used_up_ledger(true);
    // What the user knows: the amount, when they paid, and today's error.
    let f = env.write(
        "facts.json",
        r#"{"amount": "20.00", "currency": "USD", "paid_at": "2026-01-16T14:20:00Z",
            "now": "2026-03-02T10:00:00Z",
            "api_error": {"status": 429, "code": "insufficient_quota"}}"#,
    );
    let v = env.json(&["topup", "diagnose", "--facts", &f, "--json"]);
    assert_eq!(v["diagnoses"][0]["code"], "quota_exhausted", "{v}");
    assert_eq!(v["first_contact"], "none");
    assert_eq!(v["do_not"], serde_json::json!([]));
    // Each of those facts came from the ledger.
    for (name, value) in [
        ("bank_status", serde_json::json!("settled")),
        ("charges_seen", serde_json::json!(1)),
        ("platform_payment_record", serde_json::json!("succeeded")),
        ("used_since_payment", serde_json::json!(true)),
    ] {
        let e = ledger_fact(&v, name);
        assert_eq!(
            (&e["value"], &e["source"]),
            (&value, &serde_json::json!("ledger")),
            "{name}"
        );
    }
    assert!(v["ledger"]["filled"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x == "used_since_payment")));
    // The text says whom to contact and holds nothing back.
    let (code, out, err) = env.run(&["topup", "diagnose", "--facts", &f]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(quota_exhausted, confidence"), "{out}");
    assert!(out.contains("(none)"), "{out}");
    assert!(!out.contains("Do not, for now:"), "{out}");
    assert!(out.contains("20.0000 USD of API use on"), "{out}");
}

#[test]
fn usage_after_the_payment_tells_a_spent_credit_from_a_missing_one() {
    // Three days after paying: with the cost exports the credit was spent;
    // without them, a successful payment and a quota error are the
    // provider's to trace, and paying again would pay twice.
    let facts = r#"{"amount": "20.00", "currency": "USD", "paid_at": "2026-01-16T14:20:00Z",
        "now": "2026-01-19T10:00:00Z", "api_error": {"status": 429, "code": "insufficient_quota"}}"#;
    let env = used_up_ledger(true);
    let f = env.write("facts.json", facts);
    let v = env.json(&["topup", "diagnose", "--facts", &f, "--json"]);
    assert_eq!(v["diagnoses"][0]["code"], "quota_exhausted", "{v}");
    assert_eq!(v["first_contact"], "none");
    assert_eq!(v["do_not"], serde_json::json!([]));

    let env = used_up_ledger(false);
    let f = env.write("facts.json", facts);
    let v = env.json(&["topup", "diagnose", "--facts", &f, "--json"]);
    assert_eq!(
        v["diagnoses"][0]["code"], "payment_succeeded_not_credited",
        "{v}"
    );
    assert_eq!(v["first_contact"], "openai_support");
    assert_eq!(v["do_not"], serde_json::json!(["pay_again", "chargeback"]));
    assert!(v["missing_facts"]
        .as_array()
        .is_some_and(|m| m.iter().any(|q| q["fact"] == "used_since_payment")));
}

/// The text report in Chinese, whole: what a zh-CN user reads.
#[test]
fn text_output_in_chinese() {
    let env = Env::empty();
    let f = fixture("wrong_org_no_billing_rights");
    let (code, out, err) = env.run(&["--lang", "zh-CN", "topup", "diagnose", "--facts", &f]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("topup_text_zh_cn", out);
    // The JSON keeps its ids and codes, renders its texts in Chinese and
    // carries each text's id and arguments beside it.
    let v = env.json(&[
        "--lang", "zh-CN", "topup", "diagnose", "--facts", &f, "--json",
    ]);
    assert_eq!(v["diagnoses"][0]["code"], "wrong_organization");
    assert_eq!(v["first_contact"], "org_owner");
    assert_eq!(v["do_not"], serde_json::json!(["pay_again", "chargeback"]));
    let text = v["diagnoses"][0]["explanation"]
        .as_str()
        .unwrap_or_default();
    assert!(text.contains("额度只属于购买它的组织"), "{text}");
    assert_eq!(
        v["diagnoses"][0]["explanation_msg"]["id"],
        "topup-why-wrong-organization"
    );
    assert!(v["next_steps_msg"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
}

/// The locale variables decide the language in POSIX order (LC_ALL, then
/// LC_MESSAGES, then LANG), and `--lang` beats them all.
#[test]
fn the_language_follows_the_locale_variables_in_order() {
    let env = Env::empty();
    let f = fixture("nothing_known");
    let args = ["topup", "diagnose", "--facts", f.as_str()];
    let zh = "目前的事实还不足以确定原因";
    let en = "Not enough facts";
    let first_line = |envs: &[(&str, &str)], extra: &[&str]| {
        let all: Vec<&str> = extra.iter().chain(args.iter()).copied().collect();
        let (code, out, err) = env.run_with(&all, envs, None);
        assert_eq!(code, 0, "{err}");
        out.lines().next().unwrap_or_default().to_owned()
    };
    assert!(first_line(&[("LANG", "zh_CN.UTF-8")], &[]).starts_with(zh));
    assert!(first_line(
        &[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")],
        &[]
    )
    .starts_with(en));
    assert!(first_line(
        &[
            ("LANG", "en_US.UTF-8"),
            ("LC_MESSAGES", "en_US.UTF-8"),
            ("LC_ALL", "zh_TW.UTF-8")
        ],
        &[]
    )
    .starts_with(zh));
    // An empty LC_ALL is skipped.
    assert!(first_line(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN.UTF-8")], &[]).starts_with(zh));
    // A language the app does not speak reads English.
    assert!(first_line(&[("LANG", "de_DE.UTF-8")], &[]).starts_with(en));
    assert!(first_line(&[("LC_ALL", "zh_CN.UTF-8")], &["--lang", "en"]).starts_with(en));
    assert!(first_line(&[("LC_ALL", "C")], &["--lang", "zh-CN"]).starts_with(zh));
}

#[test]
fn a_refused_facts_file_speaks_chinese_with_its_place() {
    let env = Env::empty();
    let bad = env.write(
        "bad.json",
        "{\n  \"amount\": \"10.00\",\n  \"bank_status\": \"pendng\"\n}\n",
    );
    let (code, out, err) = env.run(&["--lang", "zh-CN", "topup", "diagnose", "--facts", &bad]);
    assert_eq!((code, out.as_str()), (2, ""));
    insta::assert_snapshot!("zh_cn_refused_facts_file", err.replace(&bad, "FACTS"));
    // --json stays language-neutral: the id and its arguments, then the text.
    let (_, _, err) = env.run(&[
        "--lang", "zh-CN", "topup", "diagnose", "--facts", &bad, "--json",
    ]);
    let err: serde_json::Value = serde_json::from_str(err.trim()).expect("a JSON error");
    assert_eq!(err["code"], "bad-input");
    assert_eq!(err["id"], "topup-facts-file-at");
    assert_eq!(err["args"]["error"]["id"], "topup-error-field");
    assert_eq!(
        (err["args"]["line"].as_i64(), err["args"]["column"].as_i64()),
        (Some(3), Some(3))
    );
    assert_eq!(err["args"]["error"]["args"]["field"], "bank_status");
    assert!(err["message"]
        .as_str()
        .unwrap_or_default()
        .contains("不是允许的取值"));
}
