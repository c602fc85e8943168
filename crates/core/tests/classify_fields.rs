//! Classification with every field the bank gives (issue #16 §2): the
//! held-out statements, the traps, plan prices per currency, the FX band's
//! edges, rules on any field, and the explanation of each decision.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use aispend_core::classify::{
    Catalog, Class, Classification, Classifier, DecidedBy, Details, Field, Line, MatchField,
    MatchHow, MatchKind, NewRule, PriceBy, Rule,
};
use aispend_core::import::{import_file, ImportOptions};
use aispend_core::ledger::{TxnFilter, TxnRow};
use aispend_core::Ledger;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

/// Micro-units from cents.
fn cents(c: i64) -> i64 {
    c * 10_000
}

fn classifier() -> Classifier {
    Classifier::new(Catalog::builtin(), &[]).expect("classifier")
}

fn line<'a>(description: &'a str, amount_cents: i64, currency: &'a str) -> Line<'a> {
    Line {
        description,
        amount: cents(amount_cents),
        currency,
        account_id: Some(1),
        ..Line::default()
    }
}

fn said(c: &Classification) -> (Class, Option<&str>, Option<&str>) {
    (c.class, c.vendor.as_deref(), c.product.as_deref())
}

#[test]
fn the_held_out_statements_are_classified_by_all_their_fields() {
    let mut cl = classifier();

    // Monzo: Name "Anthropic", Description the raw descriptor.
    let monzo = Line {
        details: Details {
            merchant: Some("Anthropic"),
            descriptor: Some("CLAUDE.AI SUBSCRIPTION ANTHROPIC.COM USA"),
            ..Details::default()
        },
        category: Some("Bills"),
        source_type: Some("Card payment"),
        ..line("Anthropic", -1800, "GBP")
    };
    let c = cl.classify(&monzo);
    assert_eq!(
        said(&c),
        (Class::AiSubscription, Some("anthropic"), Some("Claude Pro"))
    );
    assert_eq!(
        c.decided_by,
        DecidedBy {
            source: "catalog".into(),
            entry: Some("anthropic/claude".into()),
            field: Some(Field::Descriptor),
            how: Some(MatchHow::Pattern),
            text: Some("CLAUDE.AI SUBSCRIPTION".into()),
            price: Some("GBP 18.00".into()),
            price_by: Some(PriceBy::Amount),
        }
    );

    // Alipay: counterparty "OpenAI LLC", goods "ChatGPT Plus Subscription".
    let alipay = Line {
        details: Details {
            merchant: Some("OpenAI LLC"),
            goods: Some("ChatGPT Plus Subscription"),
            ..Details::default()
        },
        ..line("OpenAI LLC", -14500, "CNY")
    };
    let c = cl.classify(&alipay);
    assert_eq!(
        said(&c),
        (Class::AiSubscription, Some("openai"), Some("ChatGPT Plus"))
    );
    assert_eq!(c.decided_by.field, Some(Field::Goods));
    assert_eq!(c.decided_by.entry.as_deref(), Some("openai/chatgpt"));
    assert_eq!(
        (
            c.decided_by.price.as_deref(),
            c.decided_by.price_by.map(PriceBy::as_str)
        ),
        (Some("USD 20.00"), Some("fx"))
    );

    // Revolut: the description is the merchant, exactly "Cursor".
    let revolut = Line {
        details: Details::merchant(Some("Cursor")),
        ..line("Cursor", -1610, "GBP")
    };
    let c = cl.classify(&revolut);
    assert_eq!(said(&c).0, Class::AiSubscription);
    assert_eq!(said(&c).1, Some("cursor"));
    assert_eq!(
        (c.decided_by.field, c.decided_by.how),
        (Some(Field::Merchant), Some(MatchHow::Name))
    );
    // The same word in a card descriptor, with no merchant field, is not
    // enough: a card descriptor is not a clean name.
    assert_eq!(
        cl.classify(&line("CURSOR", -1610, "GBP")).class,
        Class::Everyday
    );
}

#[test]
fn names_that_only_look_like_vendors_stay_everyday() {
    let mut cl = classifier();
    for name in [
        "ANTHROPOLOGIE",
        "Anthropologie",
        "CURSORY BOOKS",
        "Cursor Cafe",
        "CLAUDE'S BAKERY",
        "Claudes Bakery",
        "Claude Monet Gallery",
        "OPEN AIR CINEMA",
        "Open AI Cinema",
        "OpenTable",
        "Sunoco",
        "Runway Fashion Ltd",
        "Poetry Cafe",
        "Perplexing Puzzles",
    ] {
        let l = Line {
            details: Details::merchant(Some(name)),
            ..line(name, -2000, "USD")
        };
        let c = cl.classify(&l);
        assert_eq!(said(&c), (Class::Everyday, None, None), "{name}");
        let l = Line {
            details: Details {
                merchant: Some(name),
                descriptor: Some(name),
                goods: Some(name),
                ..Details::default()
            },
            memo: Some(name),
            ..line("CARD PURCHASE", -2000, "CNY")
        };
        assert_eq!(
            cl.classify(&l).class,
            Class::Everyday,
            "{name} in every field"
        );
    }
}

#[test]
fn a_whole_merchant_name_is_compared_without_case_punctuation_or_legal_form() {
    let mut cl = classifier();
    for (name, vendor) in [
        ("OpenAI, L.L.C.", "openai"),
        ("OPENAI LLC", "openai"),
        ("openai", "openai"),
        ("Open AI", "openai"),
        ("Anthropic, PBC", "anthropic"),
        ("Anthropic Ireland Ltd", "anthropic"),
        ("Anysphere Inc.", "cursor"),
        ("CURSOR", "cursor"),
        ("Midjourney, Inc.", "midjourney"),
        ("ElevenLabs", "elevenlabs"),
        ("Character.AI", "character-ai"),
    ] {
        let l = Line {
            details: Details::merchant(Some(name)),
            ..line("POS 4411", -3700, "EUR")
        };
        let c = cl.classify(&l);
        assert_eq!(c.vendor.as_deref(), Some(vendor), "{name}");
        assert!(c.class.is_ai(), "{name}");
    }
    // A bare vendor name is that vendor's `plain` class, at no plan price.
    let plain = |cl: &mut Classifier, name, cents_, cur| {
        let l = Line {
            details: Details::merchant(Some(name)),
            ..line(name, cents_, cur)
        };
        cl.classify(&l).class
    };
    assert_eq!(plain(&mut cl, "OpenAI", -3700, "EUR"), Class::AiApi);
    assert_eq!(plain(&mut cl, "Anthropic", -4000, "GBP"), Class::AiApi);
    assert_eq!(
        plain(&mut cl, "Cursor", -3700, "EUR"),
        Class::AiSubscription
    );
    assert_eq!(
        plain(&mut cl, "Perplexity", -3700, "EUR"),
        Class::AiSubscription
    );
}

#[test]
fn a_plan_price_in_the_lines_own_currency_or_its_original_one_points_to_the_plan() {
    let mut cl = classifier();
    let named = |name: &'static str, amount: i64, cur: &'static str| Line {
        details: Details::merchant(Some(name)),
        ..line(name, amount, cur)
    };
    // Local plan prices from the catalog.
    let c = cl.classify(&named("Anthropic", -1800, "GBP"));
    assert_eq!(
        said(&c),
        (Class::AiSubscription, Some("anthropic"), Some("Claude Pro"))
    );
    assert_eq!(
        (c.decided_by.how, c.decided_by.price.as_deref()),
        (Some(MatchHow::Name), Some("GBP 18.00"))
    );
    let c = cl.classify(&named("OpenAI", -2300, "EUR"));
    assert_eq!(
        said(&c),
        (Class::AiSubscription, Some("openai"), Some("ChatGPT Plus"))
    );
    // A USD plan price as the original amount.
    let c = cl.classify(&Line {
        original_amount: Some(cents(-2000)),
        original_currency: Some("USD"),
        ..named("OpenAI", -1592, "GBP")
    });
    assert_eq!(
        (c.class, c.decided_by.price_by.map(PriceBy::as_str)),
        (Class::AiSubscription, Some("original"))
    );
    // Not a plan price: API credit.
    assert_eq!(
        cl.classify(&named("OpenAI", -2250, "EUR")).class,
        Class::AiApi
    );
    // A card descriptor that bills API credit keeps doing so at a plan price:
    // the price decides only for a clean merchant name.
    let card = Line {
        original_amount: Some(cents(-10000)),
        original_currency: Some("USD"),
        ..line("ANTHROPIC IRELAND DUBLIN", -9200, "EUR")
    };
    assert_eq!(cl.classify(&card).class, Class::AiApi);
    // A pattern naming the product, billed in a local plan price, names it.
    let c = cl.classify(&line("OPENAI *CHATGPT SUBSCR", -2300, "EUR"));
    assert_eq!(c.product.as_deref(), Some("ChatGPT Plus"));
}

#[test]
fn a_cny_amount_is_a_usd_plan_price_only_inside_the_fx_band() {
    // CNY band 6.60..=7.60 per USD: USD 20.00 is CNY 132.00..=152.00.
    let mut cl = classifier();
    let alipay = |yuan_cents: i64| Line {
        details: Details::merchant(Some("OpenAI LLC")),
        source_type: Some("支出"),
        ..line("OpenAI LLC", -yuan_cents, "CNY")
    };
    for (c, want) in [
        (13199, Class::AiApi),
        (13200, Class::AiSubscription),
        (14500, Class::AiSubscription),
        (15200, Class::AiSubscription),
        (15201, Class::AiApi),
        (36000, Class::AiApi),
    ] {
        let got = cl.classify(&alipay(c));
        assert_eq!(got.class, want, "CNY {}", c as f64 / 100.0);
        if want == Class::AiSubscription {
            assert_eq!(got.product.as_deref(), Some("ChatGPT Plus"));
            assert_eq!(got.decided_by.price_by.map(PriceBy::as_str), Some("fx"));
        }
    }
    // CNY 180 is USD 25 at 7.20 (ChatGPT Team), not USD 20 at 9.00.
    let got = cl.classify(&Line {
        details: Details {
            merchant: Some("OpenAI LLC"),
            goods: Some("ChatGPT Team"),
            ..Details::default()
        },
        ..line("OpenAI LLC", -18000, "CNY")
    });
    assert_eq!(got.product.as_deref(), Some("ChatGPT Team"));
    // A line with an original amount is at a price only exactly.
    let got = cl.classify(&Line {
        original_amount: Some(cents(-2100)),
        original_currency: Some("USD"),
        ..alipay(14500)
    });
    assert_eq!(got.class, Class::AiApi);
    // USD lines never use a band; currencies without one neither.
    assert_eq!(
        cl.classify(&Line {
            details: Details::merchant(Some("OpenAI")),
            ..line("OpenAI", -1602, "GBP")
        })
        .class,
        Class::AiApi,
        "GBP has plan prices of its own and no band"
    );
    // HKD (the peg, 7.75..=8.10): USD 20.00 is HKD 155.00..=162.00.
    let hsbc = |c: i64| Line {
        details: Details::merchant(Some("OPENAI *CHATGPT SUBSCR")),
        ..line(
            "SALES:   OPENAI *CHATGPT SUBSCR    USA          US",
            -c,
            "HKD",
        )
    };
    assert_eq!(
        cl.classify(&hsbc(15720)).product.as_deref(),
        Some("ChatGPT Plus")
    );
    assert_eq!(
        cl.classify(&hsbc(15499)).product.as_deref(),
        Some("ChatGPT"),
        "below the band: the subscription, no plan named"
    );
}

#[test]
fn of_two_usd_prices_inside_the_band_the_nearest_rate_wins() {
    let user = r#"
        [[vendor]]
        id = "acme-ai"
        name = "Acme AI"

        [[entry]]
        id = "acme-ai/plan"
        vendor = "acme-ai"
        class = "ai-subscription"
        patterns = ["ACME AI"]
        prices = [
          { amount = "20.00", product = "Acme Twenty" },
          { amount = "21.00", product = "Acme Twenty-One" },
        ]
    "#;
    let catalog = Catalog::with_user_text(user, "user.toml").expect("catalog");
    let mut cl = Classifier::new(Arc::new(catalog), &[]).expect("classifier");
    // CNY 147: 7.35 for 20, 7.00 for 21; the band's middle is 7.10.
    let c = cl.classify(&line("ACME AI", -14700, "CNY"));
    assert_eq!(c.product.as_deref(), Some("Acme Twenty-One"));
    // CNY 150: 7.50 for 20, 7.14 for 21.
    let c = cl.classify(&line("ACME AI", -15000, "CNY"));
    assert_eq!(c.product.as_deref(), Some("Acme Twenty-One"));
    // CNY 132: 6.60 for 20 (the band's low end), 6.29 for 21 (outside).
    let c = cl.classify(&line("ACME AI", -13200, "CNY"));
    assert_eq!(c.product.as_deref(), Some("Acme Twenty"));
}

#[test]
fn a_product_named_in_any_field_beats_the_vendors_bare_name() {
    let mut cl = classifier();
    // OFX: NAME "OPENAI", MEMO naming the plan.
    let ofx = Line {
        memo: Some("CHATGPT SUBSCRIPTION"),
        ..line("OPENAI", -2000, "USD")
    };
    let c = cl.classify(&ofx);
    assert_eq!(
        (c.class, c.decided_by.field),
        (Class::AiSubscription, Some(Field::Memo))
    );
    // camt: creditor name and remittance text naming API usage.
    let camt = Line {
        details: Details::merchant(Some("Anthropic, PBC")),
        memo: Some("Invoice 2026-0042 ANTHROPIC API usage"),
        ..line("Anthropic, PBC", -20000, "EUR")
    };
    assert_eq!(cl.classify(&camt).class, Class::AiApi);
    // A card payment line whose memo mentions a payment is still spending:
    // transfer entries read the description only.
    let c = cl.classify(&Line {
        memo: Some("PAYMENT THANK YOU"),
        ..line("STARBUCKS STORE 05812", -450, "USD")
    });
    assert_eq!(c.class, Class::Everyday);
    // An app store line keeps turning API names into the in-app plan.
    let c = cl.classify(&Line {
        details: Details::descriptor(Some("APPLE.COM/BILL OPENAI")),
        ..line("Apple", -1999, "USD")
    });
    assert_eq!(
        said(&c),
        (Class::AiSubscription, Some("openai"), Some("ChatGPT Plus"))
    );
}

fn rule(id: i64, field: MatchField, pattern: &str, class: Class, vendor: Option<&str>) -> Rule {
    Rule {
        id,
        created_at: "2026-01-01T00:00:00Z".into(),
        rule: NewRule {
            field,
            kind: MatchKind::Contains,
            pattern: pattern.into(),
            min_amount: None,
            max_amount: None,
            account: None,
            currency: None,
            class,
            vendor: vendor.map(str::to_owned),
            product: None,
            tags: Vec::new(),
            priority: 0,
        },
        enabled: true,
        from_txn: None,
    }
}

#[test]
fn rules_can_read_any_field() {
    let rules = [
        rule(
            1,
            MatchField::Goods,
            "会员月卡",
            Class::AiSubscription,
            Some("acme"),
        ),
        rule(2, MatchField::Mcc, "5734", Class::Everyday, None),
        rule(3, MatchField::Any, "team offsite", Class::Everyday, None),
        rule(
            4,
            MatchField::Merchant,
            "Blue Bottle",
            Class::Everyday,
            None,
        ),
        rule(
            5,
            MatchField::Category,
            "Software",
            Class::AiApi,
            Some("acme"),
        ),
    ];
    let mut cl = Classifier::new(Catalog::builtin(), &rules).expect("classifier");
    let wechat = Line {
        details: Details {
            merchant: Some("某某智能科技"),
            goods: Some("AI 助手 会员月卡"),
            ..Details::default()
        },
        ..line("某某智能科技", -6800, "CNY")
    };
    let c = cl.classify(&wechat);
    assert_eq!(
        (c.source.as_str(), c.class),
        ("rule:1", Class::AiSubscription)
    );
    assert_eq!(c.decided_by.field, Some(Field::Goods));

    let ofx = Line {
        details: Details {
            mcc: Some("5734"),
            ..Details::default()
        },
        ..line("SOFTWARE SHOP", -999, "USD")
    };
    assert_eq!(cl.classify(&ofx).source, "rule:2");

    let any = Line {
        memo: Some("Team offsite dinner"),
        ..line("OPENAI", -9000, "USD")
    };
    let c = cl.classify(&any);
    assert_eq!(
        (c.source.as_str(), c.decided_by.field),
        ("rule:3", Some(Field::Memo))
    );

    // Merchant: the clean merchant field where the line has one, else the
    // merchant read from the description.
    let clean = Line {
        details: Details::merchant(Some("Blue Bottle Coffee")),
        ..line("SQ *BBC 0042", -550, "USD")
    };
    assert_eq!(cl.classify(&clean).source, "rule:4");
    assert_eq!(
        cl.classify(&line("SQ *BLUE BOTTLE COFFEE", -550, "USD"))
            .source,
        "rule:4"
    );
    let other = Line {
        details: Details::merchant(Some("Ritual Coffee")),
        ..line("SQ *BLUE BOTTLE COFFEE", -550, "USD")
    };
    assert_eq!(
        cl.classify(&other).source,
        "default",
        "the merchant field says who"
    );

    let cat = Line {
        category: Some("Software"),
        ..line("XYZ LTD", -1000, "USD")
    };
    assert_eq!(cl.classify(&cat).source, "rule:5");
}

#[test]
fn many_distinct_memos_classify_the_same_as_one() {
    // A statement whose memos are all different (references) is classified
    // as its descriptors say, however many texts the cache has seen.
    let mut cl = classifier();
    for i in 0..60_000 {
        let memo = format!("REF {i:08}");
        let l = Line {
            memo: Some(&memo),
            ..line(
                if i % 2 == 0 {
                    "OPENAI *CHATGPT SUBSCR"
                } else {
                    "STARBUCKS"
                },
                -2000,
                "USD",
            )
        };
        let c = cl.classify(&l);
        let want = if i % 2 == 0 {
            Class::AiSubscription
        } else {
            Class::Everyday
        };
        assert_eq!(c.class, want, "line {i}");
    }
}

fn import(rel: &str) -> (Ledger, Vec<TxnRow>) {
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(&mut ledger, &fixture(rel), &ImportOptions::default()).expect("import");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    (ledger, rows)
}

fn row<'a>(rows: &'a [TxnRow], description: &str, amount: &str) -> &'a TxnRow {
    rows.iter()
        .find(|r| r.description == description && r.amount.to_string() == amount)
        .unwrap_or_else(|| panic!("no line {description} {amount}"))
}

#[test]
fn imported_neobank_and_wallet_lines_keep_their_fields_and_say_why() {
    let (_l, rows) = import("realworld/monzo-csv/MonzoDataExport_01May2026-31May2026.csv");
    let claude = row(&rows, "Anthropic", "-18.00");
    assert_eq!(
        (claude.class.map(Class::as_str), claude.product.as_deref()),
        (Some("ai-subscription"), Some("Claude Pro"))
    );
    assert_eq!(claude.details.merchant.as_deref(), Some("Anthropic"));
    assert_eq!(
        claude.details.descriptor.as_deref(),
        Some("CLAUDE.AI SUBSCRIPTION ANTHROPIC.COM USA")
    );
    assert_eq!(claude.details.memo.as_deref(), Some("#ai"));
    assert_eq!(claude.details.category.as_deref(), Some("Bills"));
    let why = claude.decided_by.as_ref().expect("explained");
    assert_eq!(
        (why.source.as_str(), why.entry.as_deref(), why.field),
        ("catalog", Some("anthropic/claude"), Some(Field::Descriptor))
    );
    for trap in [
        "Anthropologie",
        "Cursory Books",
        "Claude's Bakery",
        "Open Air Cinema",
    ] {
        let r = rows
            .iter()
            .find(|r| r.description == trap)
            .unwrap_or_else(|| panic!("{trap}"));
        assert_eq!(r.class.map(Class::as_str), Some("everyday"), "{trap}");
        assert_eq!(
            r.decided_by.as_ref().map(|d| d.source.as_str()),
            Some("default")
        );
    }

    let (_l, rows) = import("realworld/alipay-csv/alipay_record_20260601_100431.csv");
    let plus = row(&rows, "OpenAI LLC", "-145.00");
    assert_eq!(
        (plus.class.map(Class::as_str), plus.product.as_deref()),
        (Some("ai-subscription"), Some("ChatGPT Plus"))
    );
    assert_eq!(
        plus.details.goods.as_deref(),
        Some("ChatGPT Plus Subscription")
    );
    let api = row(&rows, "OpenAI LLC", "-360.00");
    assert_eq!(api.class.map(Class::as_str), Some("ai-api"));

    let (_l, rows) =
        import("realworld/revolut-csv/account-statement_2026-05-01_2026-05-31_en-gb_7c3e19.csv");
    let cursor = row(&rows, "Cursor", "-16.10");
    assert_eq!(
        (cursor.class.map(Class::as_str), cursor.vendor.as_deref()),
        (Some("ai-subscription"), Some("cursor"))
    );
    let why = cursor.decided_by.as_ref().expect("explained");
    assert_eq!(
        (why.field, why.how),
        (Some(Field::Merchant), Some(MatchHow::Name))
    );
    assert_eq!(
        row(&rows, "Cursory Books", "-12.99")
            .class
            .map(Class::as_str),
        Some("everyday")
    );
}

#[test]
fn a_ledger_reclassified_reads_the_same_fields_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.sqlite");
    {
        let mut ledger = Ledger::open(&path).expect("ledger");
        import_file(
            &mut ledger,
            &fixture("realworld/alipay-csv/alipay_record_20260601_100431.csv"),
            &ImportOptions::default(),
        )
        .expect("import");
    }
    // Forget every class; opening classifies the ledger again from the
    // stored fields alone.
    {
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.execute_batch(
            "UPDATE transactions SET class = NULL, vendor = NULL, product = NULL,
                    class_source = NULL, decided_by = NULL;
             UPDATE classify_state SET catalog_version = NULL;",
        )
        .expect("forget");
    }
    let ledger = Ledger::open(&path).expect("reopen");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let plus = row(&rows, "OpenAI LLC", "-145.00");
    assert_eq!(plus.product.as_deref(), Some("ChatGPT Plus"));
    assert_eq!(
        plus.decided_by.as_ref().and_then(|d| d.field),
        Some(Field::Goods)
    );
}

#[test]
fn a_mapping_may_name_the_descriptive_columns() {
    use aispend_core::import::mapped::MapSpec;
    let spec: MapSpec = "date=Booking date,description=Counterparty,merchant=Counterparty,\
        descriptor=Card descriptor,memo=Purpose,amount=Amount,currency=Currency,mcc=MCC"
        .parse()
        .expect("spec");
    assert!(spec.to_string().contains("merchant=Counterparty"), "{spec}");
    assert_eq!(
        spec.to_string().parse::<MapSpec>().expect("round trip"),
        spec
    );
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    import_file(
        &mut ledger,
        &fixture("mapped/bank-export-with-merchant.csv"),
        &ImportOptions {
            map: Some(spec),
            ..ImportOptions::default()
        },
    )
    .expect("import");
    let rows = ledger.transactions(&TxnFilter::default()).expect("txns");
    let cursor = row(&rows, "Cursor", "-18.40");
    assert_eq!(cursor.class.map(Class::as_str), Some("ai-subscription"));
    assert_eq!(cursor.details.mcc.as_deref(), Some("5734"));
    assert_eq!(
        cursor.details.descriptor.as_deref(),
        Some("CURSOR  AI POWERED IDE")
    );
    assert_eq!(
        row(&rows, "Cursory Books", "-12.99")
            .class
            .map(Class::as_str),
        Some("everyday")
    );
    let plus = row(&rows, "OpenAI", "-23.00");
    assert_eq!(plus.product.as_deref(), Some("ChatGPT Plus"));
    assert_eq!(
        row(&rows, "Anthropic", "-50.00").class.map(Class::as_str),
        Some("ai-api")
    );
}

#[test]
fn the_apps_search_finds_a_line_by_any_of_its_fields() {
    use aispend_core::app::TxnQuery;
    let (ledger, _) = import("realworld/alipay-csv/alipay_record_20260601_100431.csv");
    let q = |text: &str| TxnQuery {
        text: Some(text.into()),
        ..TxnQuery::default()
    };
    let rows = ledger
        .txn_page(&q("plus subscription"), None, 10)
        .expect("page")
        .rows;
    assert_eq!(rows.len(), 1, "the goods field");
    assert_eq!(rows[0].amount.to_string(), "-145.00");
    assert_eq!(
        ledger.txn_count(&q("朋友聚会")).expect("count"),
        1,
        "the memo"
    );
    assert_eq!(
        ledger.txn_count(&q("goods")).expect("count"),
        0,
        "keys are not text"
    );
}
