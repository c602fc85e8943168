//! Several messages shown as one: the items an import notice lists (each
//! double payment, each skipped kind of line), joined in the reader's
//! language.
//!
//! Invariant: a list is a message like any other (`list-join` of two
//! halves), so `--json` keeps every item's id and arguments, and a long
//! list renders at a shallow depth.

use crate::i18n::Msg;

/// The items joined with the language's separator ("; " or "；"); `None`
/// for none.
pub(crate) fn list(items: Vec<Msg>) -> Option<Msg> {
    join(items, &|head, tail| {
        Msg::new("list-join").arg("head", head).arg("tail", tail)
    })
}

/// Short items (`3 user`, `2 summary`) joined with the language's comma
/// (", " or "、"); `None` for none.
pub(crate) fn comma_list(items: Vec<Msg>) -> Option<Msg> {
    join(items, &|head, tail| {
        Msg::new("list-join-comma")
            .arg("head", head)
            .arg("tail", tail)
    })
}

fn join(mut items: Vec<Msg>, pair: &dyn Fn(Msg, Msg) -> Msg) -> Option<Msg> {
    match items.len() {
        0 => None,
        1 => items.pop(),
        n => {
            let tail = items.split_off(n / 2);
            Some(pair(join(items, pair)?, join(tail, pair)?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_list_joins_in_the_readers_language() {
        let item = |n: i64| {
            Msg::new("import-unreadable-file")
                .arg("file", n)
                .arg("found", "x")
        };
        let l = list((1..=5).map(item).collect()).expect("a list");
        let en = l.render(Lang::En);
        assert_eq!(en.matches("; ").count(), 4, "{en}");
        assert!(en.starts_with("1: cannot read the file: x; 2:"), "{en}");
        assert_eq!(l.render(Lang::ZhCn).matches('；').count(), 4);
        let c = comma_list(vec![item(1), item(2)]).expect("a list");
        assert!(c.render(Lang::ZhCn).contains('、'));
        assert!(list(Vec::new()).is_none());
        assert_eq!(list(vec![item(1)]), Some(item(1)));
    }
}
