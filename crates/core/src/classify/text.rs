//! Descriptor text: normalisation, tokens, the merchant, and the marks of a
//! line worth a second look.
//!
//! A descriptor is upper-cased and split into words on anything that is not
//! a letter or a digit. A dot between two letters or digits stays inside the
//! word, so domains (`OPENAI.COM`, `CLAUDE.AI`) are one word; `*` is kept as
//! a token of its own (`OPENAI *CHATGPT`, `*API`) but never takes part in a
//! pattern. Matching is on whole words, never on substrings.

/// One token of a descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// Letters and digits, upper-cased, with inner dots kept.
    Word(String),
    /// A `*` separator.
    Star,
}

/// The tokens of `text`.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_cjk(c) {
            // Chinese and Japanese are written without spaces: each
            // character is a word of its own, so `还款` is found in
            // `财付通还款` and `KIMI` in `Kimi会员`.
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word)));
            }
            out.push(Token::Word(c.to_string()));
        } else if c.is_alphanumeric() {
            word.extend(c.to_uppercase());
        } else if c == '.' && !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            word.push('.');
        } else {
            if !word.is_empty() {
                out.push(Token::Word(std::mem::take(&mut word)));
            }
            if c == '*' {
                out.push(Token::Star);
            }
        }
    }
    if !word.is_empty() {
        out.push(Token::Word(word));
    }
    out
}

/// Whether `c` is a CJK ideograph or kana (a script written without
/// spaces between words).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
    )
}

/// The words of `text` (its tokens without `*`).
pub fn words(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            Token::Star => None,
        })
        .collect()
}

/// Whether a descriptor word stands for a pattern word: the same word, or
/// for a dotted pattern word (a domain) the same word with `WWW.` before it
/// or a region code glued on by the card network (`WWW.PERPLEXITY.AI`,
/// `ANTHROPIC.COMUS`, `ANTHROPIC.COMCAUS`).
pub fn word_matches(pattern: &str, word: &str) -> bool {
    if pattern == word {
        return true;
    }
    if !pattern.contains('.') {
        return false;
    }
    // A domain written with its `WWW.` (`WWW.PERPLEXITY.AI`).
    let word = match word.strip_prefix("WWW.") {
        Some(rest) if rest == pattern => return true,
        Some(rest) => rest,
        None => word,
    };
    // A state or country code (CA, NY, US), or a state and a country (CAUS).
    const COUNTRIES: &[&str] = &["US", "CA", "GB", "IE", "AU", "NZ", "SG"];
    word.strip_prefix(pattern).is_some_and(|rest| {
        rest.chars().all(|c| c.is_ascii_uppercase())
            && (rest.len() == 2 || (rest.len() == 4 && COUNTRIES.contains(&&rest[2..])))
    })
}

/// Where `pattern`'s words appear one after another in `words`, if they do.
pub fn find_words(pattern: &[String], words: &[String]) -> Option<usize> {
    if pattern.is_empty() || pattern.len() > words.len() {
        return None;
    }
    (0..=words.len() - pattern.len()).find(|&start| {
        pattern
            .iter()
            .zip(&words[start..])
            .all(|(p, w)| word_matches(p, w))
    })
}

/// The descriptor as one normalised line: upper case, single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(part.chars().flat_map(char::to_uppercase));
    }
    out
}

/// Card processors and wallets that put their own name before a merchant's.
const PROCESSORS: &[&str] = &["SQ", "TST", "SP", "PAYPAL", "PP", "DD", "IN", "PY", "CKO"];

/// The merchant a descriptor names: its words without a processor prefix
/// (`SQ *`, `TST*`, `PAYPAL *`), store numbers and words holding digits
/// only, joined by single spaces. `SQ *BLUE BOTTLE COFFEE #12` and
/// `BLUE BOTTLE COFFEE` have the same merchant.
pub fn merchant(text: &str) -> String {
    let toks = tokens(text);
    let mut start = 0;
    if let [Token::Word(first), Token::Star, ..] = toks.as_slice() {
        if PROCESSORS.contains(&first.as_str()) {
            start = 2;
        }
    }
    let mut out = String::new();
    for t in &toks[start..] {
        if let Token::Word(w) = t {
            if w.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            // CJK characters are words of their own but are joined as
            // written, without spaces.
            let joined = w.chars().all(is_cjk) && out.chars().last().is_some_and(is_cjk);
            if !out.is_empty() && !joined {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    if out.is_empty() {
        normalise(text)
    } else {
        out
    }
}

/// Legal-form words that end a company's name and say nothing about it.
const LEGAL_SUFFIXES: &[&str] = &[
    "INC",
    "INCORPORATED",
    "LLC",
    "L.L.C",
    "LTD",
    "LIMITED",
    "PBC",
    "CORP",
    "CORPORATION",
    "CO",
    "COMPANY",
    "GMBH",
    "AG",
    "SA",
    "SAS",
    "SARL",
    "BV",
    "NV",
    "PLC",
    "LLP",
    "LP",
    "PTE",
    "PTY",
    "KK",
    "SRL",
    "SPA",
    "OY",
    "AB",
    "ULC",
];

/// A whole name as a key for comparing names: its words (upper case,
/// punctuation dropped, see [`words`]) without the legal-form words that end
/// it, joined by single spaces. `OpenAI, L.L.C.`, `OPENAI LLC` and `OpenAI`
/// have the key `OPENAI`; `Anthropic, PBC` has `ANTHROPIC`; `Claude's
/// Bakery` has `CLAUDE S BAKERY`. A name that is nothing but a legal word
/// keeps it.
pub fn name_key(text: &str) -> String {
    let mut w = words(text);
    while w.len() > 1
        && w.last()
            .is_some_and(|l| LEGAL_SUFFIXES.contains(&l.as_str()))
    {
        w.pop();
    }
    w.join(" ")
}

/// `needle` in `haystack` without regard to case or runs of spaces, starting
/// and ending at word edges: `OPEN` is not in `OPENTABLE`, `AMAZON` is in
/// `AMAZON.COM*RT5`.
pub fn contains_at_word_edges(haystack: &str, needle: &str) -> bool {
    let hay = normalise(haystack);
    let needle = normalise(needle);
    if needle.is_empty() {
        return false;
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut from = 0;
    while let Some(pos) = hay.get(from..).and_then(|h| h.find(&needle)) {
        let at = from + pos;
        let end = at + needle.len();
        let before = hay[..at].chars().next_back();
        let after = hay[end..].chars().next();
        let first = needle.chars().next();
        let last = needle.chars().next_back();
        let left_ok = !(is_word(before) && is_word(first));
        let right_ok = !(is_word(after) && is_word(last));
        if left_ok && right_ok {
            return true;
        }
        from = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Why a line no rule or catalog entry claimed deserves a look: it names an
/// unfamiliar `.AI` domain, an API (`*API`, `API`), or carries something that
/// looks like an API key. `None` for an ordinary line.
pub fn review_reason(description: &str, memo: Option<&str>) -> Option<&'static str> {
    let toks = tokens(description);
    for (i, t) in toks.iter().enumerate() {
        if let Token::Word(w) = t {
            if w.ends_with(".AI") {
                return Some("an unfamiliar .AI domain");
            }
            if w == "API" {
                let starred = i > 0 && toks[i - 1] == Token::Star;
                return Some(if starred {
                    "an unfamiliar merchant's *API charge"
                } else {
                    "an unfamiliar merchant names an API"
                });
            }
        }
    }
    if looks_like_key(description) || memo.is_some_and(looks_like_key) {
        return Some("a memo that looks like an API key or token");
    }
    None
}

/// `sk-...` keys, or a long run of mixed letters and digits.
fn looks_like_key(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .any(|part| {
            let lower = part.to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix("sk-") {
                return rest.len() >= 8;
            }
            let run = part
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .count();
            run >= 32
                && run == part.chars().count()
                && part.chars().any(|c| c.is_ascii_digit())
                && part.chars().any(|c| c.is_ascii_alphabetic())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn tokens_keep_domains_and_stars() {
        assert_eq!(
            tokens("Openai *chatgpt Subscr Openai.com Ca"),
            vec![
                Token::Word("OPENAI".into()),
                Token::Star,
                Token::Word("CHATGPT".into()),
                Token::Word("SUBSCR".into()),
                Token::Word("OPENAI.COM".into()),
                Token::Word("CA".into()),
            ]
        );
        assert_eq!(w("APPLE.COM/BILL"), ["APPLE.COM", "BILL"]);
        assert_eq!(w("ANTHROPIC*CLAUDE SUB"), ["ANTHROPIC", "CLAUDE", "SUB"]);
        assert_eq!(w("CLAUDE'S BAKERY"), ["CLAUDE", "S", "BAKERY"]);
        assert_eq!(w("MIDJOURNEY INC."), ["MIDJOURNEY", "INC"]);
        assert_eq!(w("  GITHUB,  INC.  "), ["GITHUB", "INC"]);
        assert_eq!(w("café crème"), ["CAFÉ", "CRÈME"]);
        assert!(w("").is_empty());
        assert!(w("*** --- ...").is_empty());
    }

    #[test]
    fn whole_words_only() {
        let pat = w("OPENAI");
        assert!(find_words(&pat, &w("OPENAI *CHATGPT SUBSCR")).is_some());
        assert!(find_words(&pat, &w("OPENTABLE*RESTAURANT")).is_none());
        assert!(find_words(&pat, &w("OPEN AIR CINEMA")).is_none());
        assert!(find_words(&w("ANTHROPIC"), &w("ANTHROPOLOGIE #0512")).is_none());
        assert!(find_words(&w("CURSOR AI POWERED IDE"), &w("CURSORY BOOKS")).is_none());
        assert!(find_words(&w("还款"), &w("财付通还款")).is_some());
        assert!(find_words(&w("KIMI"), &w("Kimi会员连续包月")).is_some());
        assert!(find_words(&w("还款"), &w("退款-盒马鲜生")).is_none());
        assert!(find_words(&w("CLAUDE.AI"), &w("CLAUDE'S BAKERY")).is_none());
        assert_eq!(
            find_words(&w("CLAUDE SUB"), &w("ANTHROPIC* CLAUDE SUB")),
            Some(1)
        );
    }

    #[test]
    fn glued_region_suffixes_match_domains_only() {
        assert!(word_matches("ANTHROPIC.COM", "ANTHROPIC.COMUS"));
        assert!(word_matches("ANTHROPIC.COM", "ANTHROPIC.COMCAUS"));
        assert!(!word_matches("ANTHROPIC.COM", "ANTHROPIC.COMPANY"));
        assert!(!word_matches("SUNO", "SUNOCO"));
        assert!(word_matches("PERPLEXITY.AI", "WWW.PERPLEXITY.AI"));
        assert!(word_matches("OPENAI.COM", "WWW.OPENAI.COMCA"));
        assert!(!word_matches("PERPLEXITY.AI", "WWW.NOTPERPLEXITY.AI"));
        assert!(!word_matches("PERPLEXITY", "WWW.PERPLEXITY.AI"));
    }

    #[test]
    fn normalise_and_merchant() {
        assert_eq!(normalise("  Uber   *Trip  "), "UBER *TRIP");
        assert_eq!(merchant("SQ *BLUE BOTTLE COFFEE #12"), "BLUE BOTTLE COFFEE");
        assert_eq!(merchant("STARBUCKS STORE 05812"), "STARBUCKS STORE");
        assert_eq!(merchant("OPENAI *CHATGPT SUBSCR"), "OPENAI CHATGPT SUBSCR");
        assert_eq!(merchant("12345"), "12345");
        assert_eq!(merchant("财付通还款"), "财付通还款");
        assert_eq!(merchant("Kimi会员 连续包月"), "KIMI 会员连续包月");
    }

    #[test]
    fn name_keys_drop_case_punctuation_and_legal_forms() {
        for (a, b) in [
            ("OpenAI, L.L.C.", "OPENAI"),
            ("OPENAI LLC", "OPENAI"),
            ("Anthropic, PBC", "ANTHROPIC"),
            ("Cursor", "CURSOR"),
            ("Anysphere Inc.", "ANYSPHERE"),
            ("Acme Co., Ltd.", "ACME"),
            ("Claude.ai", "CLAUDE.AI"),
            ("CLAUDE'S BAKERY", "CLAUDE S BAKERY"),
            ("Open Air Cinema", "OPEN AIR CINEMA"),
            ("LLC", "LLC"),
            ("  ", ""),
        ] {
            assert_eq!(name_key(a), b, "{a}");
        }
    }

    #[test]
    fn contains_respects_word_edges() {
        assert!(contains_at_word_edges("AMAZON.COM*RT5YH2", "amazon"));
        assert!(contains_at_word_edges(
            "Payment to  ACME   Corp",
            "acme corp"
        ));
        assert!(!contains_at_word_edges("OPENTABLE", "open"));
        assert!(contains_at_word_edges("OPEN TABLE", "open"));
        assert!(contains_at_word_edges("x #12 y", "#12"));
        assert!(!contains_at_word_edges("anything", ""));
    }

    #[test]
    fn suspicious_unknowns() {
        assert_eq!(
            review_reason("NOVAMIND.AI SAN FRANCISCO", None),
            Some("an unfamiliar .AI domain")
        );
        assert!(review_reason("TOKENFORGE *API", None).is_some());
        assert!(review_reason("ACME LABS", Some("key sk-proj-abcdefgh1234")).is_some());
        assert!(review_reason("STARBUCKS STORE 05812", None).is_none());
        assert!(review_reason("AMAZON MKTPL*2K4RT1QW3", Some("refund")).is_none());
        assert!(review_reason("CAPITAL CITY APIARY", None).is_none());
    }
}
