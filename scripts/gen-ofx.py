#!/usr/bin/env python3
"""Writes a deterministic OFX 1.x (SGML) credit-card statement with N
transactions, the way US card issuers export QFX/OFX: the KEY:VALUE header,
CHARSET:1252, unclosed leaf tags, one CCSTMTRS, newest line first, FITIDs
unique, DTPOSTED with a time and a bracketed offset, and about 3% AI merchants.
Used by scripts/bench-import.sh (the 100k-transaction OFX goal).

  python3 scripts/gen-ofx.py 100000 OUT.ofx [--seed S]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

EVERYDAY = [
    "WHOLEFDS MKT #10234", "SHELL OIL 57442", "UBER   *TRIP", "AMAZON MKTPL*2K4", "STARBUCKS STORE 0412",
    "TRADER JOE'S #552", "NETFLIX.COM", "CVS/PHARMACY #0921", "TARGET        00021", "LYFT   *RIDE SUN 8PM",
    "COSTCO WHSE #0117", "SPOTIFY USA", "CHIPOTLE 1840", "HOME DEPOT #6612", "DELTA AIR 0062",
]
AI = [
    ("OPENAI *CHATGPT SUBSCR", "-20.00"), ("CLAUDE.AI SUBSCRIPTION", "-20.00"),
    ("OPENAI", None), ("ANTHROPIC", None), ("CURSOR, AI POWERED IDE", "-20.00"),
]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("rows", type=int)
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=20261125)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    end = date(2026, 10, 31)
    # Spread the lines over the days before `end`, about 40 a day.
    days = max(1, a.rows // 40)
    start = end - timedelta(days=days)
    out: list[str] = [
        "OFXHEADER:100", "DATA:OFXSGML", "VERSION:102", "SECURITY:NONE", "ENCODING:USASCII",
        "CHARSET:1252", "COMPRESSION:NONE", "OLDFILEUID:NONE", "NEWFILEUID:NONE", "",
        "<OFX>", "<SIGNONMSGSRSV1>", "<SONRS>", "<STATUS>", "<CODE>0", "<SEVERITY>INFO", "</STATUS>",
        f"<DTSERVER>{end:%Y%m%d}120000.000[-5:EST]", "<LANGUAGE>ENG", "</SONRS>", "</SIGNONMSGSRSV1>",
        "<CREDITCARDMSGSRSV1>", "<CCSTMTTRNRS>", "<TRNUID>1", "<STATUS>", "<CODE>0", "<SEVERITY>INFO",
        "</STATUS>", "<CCSTMTRS>", "<CURDEF>USD", "<CCACCTFROM>", "<ACCTID>XXXXXXXXXXXX4417",
        "</CCACCTFROM>", "<BANKTRANLIST>", f"<DTSTART>{start:%Y%m%d}", f"<DTEND>{end:%Y%m%d}",
    ]
    for i in range(a.rows):
        # Newest first, as issuers write them.
        day = end - timedelta(days=(i * days) // a.rows)
        hh, mm = rnd.randrange(6, 23), rnd.randrange(60)
        if rnd.random() < 0.03:
            name, fixed = rnd.choice(AI)
            amount = fixed or f"-{rnd.choice([5, 10, 20, 50, 100])}.00"
            kind = "DEBIT"
        elif rnd.random() < 0.02:
            name, amount, kind = "PAYMENT THANK YOU", f"{rnd.randrange(200, 3000)}.00", "CREDIT"
        else:
            name = rnd.choice(EVERYDAY)
            amount = f"-{rnd.randrange(1, 400)}.{rnd.randrange(100):02d}"
            kind = "DEBIT"
        out += [
            "<STMTTRN>", f"<TRNTYPE>{kind}", f"<DTPOSTED>{day:%Y%m%d}{hh:02d}{mm:02d}00.000[-5:EST]",
            f"<TRNAMT>{amount}", f"<FITID>{day:%Y%m%d}{i:08d}", f"<NAME>{name}", "</STMTTRN>",
        ]
    out += [
        "</BANKTRANLIST>", "<LEDGERBAL>", "<BALAMT>-1234.56", f"<DTASOF>{end:%Y%m%d}", "</LEDGERBAL>",
        "</CCSTMTRS>", "</CCSTMTTRNRS>", "</CREDITCARDMSGSRSV1>", "</OFX>", "",
    ]
    with open(a.out, "w", encoding="cp1252", newline="\r\n") as f:
        f.write("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
