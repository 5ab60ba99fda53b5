"""Synthetic news corpora for the scale benchmark, deterministic by seed.

Article ``i`` depends only on ``(seed, i)``, so the first N articles of a 100k corpus are the
N-article corpus: one generation serves every size. Files are written in shards of 1,000
(``articles/0000/`` ... ``articles/0099/``) with, per shard, the same articles as JSON Lines
(``jsonl/0000.jsonl``: title, body, published, source) for the peers (plain sqlite3,
sqlite-utils) and a metadata file (``meta/0000.json``) that marks the shard as complete.
A corpus folder is reused as long as the seed and generator version match, so repeated
benchmark runs do not pay for generation again.

What an article looks like is taken from the seeds and the development corpus:

* the page shapes of the seed scrapes (Amu TV, Sputnik, The Hindu, The Caspian Post /
  Eurasia-style, Tehran Times and bare body-only files named ``_news_<id>_<Slug>.txt``):
  title lines (sometimes repeated, sometimes after a kicker), date lines in their shapes
  (``14 Sep, 13:08``, ``Thursday, October 21, 2021 | 9:51 am.``, ``January 25, 2022, 5:49``,
  ``Published - ... IST``, ISO stamps), ``Source:``/``Sourse:`` lines, photo captions, and
  site furniture ("Related news", "Leave a Comment", "No time to read? / Get a summary",
  "Previous Article", "Our code of editorial values", "Printable version | <date>",
  licence footers, editor initials);
* the sentence patterns of the copy: ``TEHRAN —`` datelines, meetings ("X met Y in Z on
  Wednesday"), phone calls, summits and contact groups, quotes (``“...,” X said``), wire
  attributions ("the AFP news agency reported", "according to IRNA", "X informs via Y"),
  analysts and unnamed officials in person/organisation contexts ("said X, a former Afghan
  prosecutor"), statistics;
* names from the shipped gazetteer (``archive/data/gazetteer/*.jsonl``: people with their
  roles, countries with demonyms and capitals, organisations with acronyms, places) drawn
  with a long-tailed (Zipf-like) distribution around a per-article cast, plus invented names
  the gazetteer does not know (candidates), and sources from ``archive/data/sources.csv``.

Every body carries one sentence whose figures are derived from ``i``, so no two articles
share a body; the generator also checks the normalised body hashes of the whole corpus.

    python benchmarks/generate.py --n 10000 --out /tmp/bench/corpus --seed 1
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import shutil
import sys
import time
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

GENERATOR_VERSION = "3"
SHARD = 1000
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "archive" / "data"

# -- the mini template language ------------------------------------------------------------
# "[a|b|c]" picks one alternative (nestable), "{P1}" is a slot filled from the article's
# cast (see Article.slot). Templates are compiled once per process.

_SLOT = re.compile(r"^([A-Z]+)(\d*)(?:\.(\w+))?$")


def _compile(template: str):
    parts, i = _parse(template, 0, top=True)
    return parts


def _parse(s: str, i: int, top: bool):
    options = [[]]
    buf = []
    while i < len(s):
        ch = s[i]
        if ch == "[":
            if buf:
                options[-1].append("".join(buf))
                buf = []
            sub, i = _parse(s, i + 1, top=False)
            options[-1].append((2, sub))
            continue
        if ch == "]" and not top:
            if buf:
                options[-1].append("".join(buf))
            return options, i + 1
        if ch == "|" and not top:
            if buf:
                options[-1].append("".join(buf))
                buf = []
            options.append([])
            i += 1
            continue
        if ch == "{":
            j = s.index("}", i)
            m = _SLOT.match(s[i + 1:j])
            if not m:
                raise ValueError(f"bad slot {s[i:j + 1]!r} in {s!r}")
            if buf:
                options[-1].append("".join(buf))
                buf = []
            options[-1].append((1, m.group(1), int(m.group(2) or 1) - 1, m.group(3) or ""))
            i = j + 1
            continue
        buf.append(ch)
        i += 1
    if not top:
        raise ValueError(f"unclosed [ in {s!r}")
    if buf:
        options[-1].append("".join(buf))
    return options[0], i


# -- sentence material (patterns of the seeds and the Tehran Times corpus) -------------------

# Lexical material. Real copy shares few word 4-grams between articles (about 1% of an
# article's 4-grams occur in 10% or more of the development corpus), so sentences are built
# from a small phrase grammar over large word lists, with the characteristic shapes of the
# seeds (datelines, meetings, calls, quotes, wire credits) kept as templates whose fixed runs
# are short. ``python benchmarks/generate.py --check`` compares the corpus with the real
# articles on that measure.

LEX = {
    "ADJ": (
        "regional bilateral multilateral economic political military humanitarian diplomatic "
        "strategic border trade energy transit financial legal constitutional national "
        "international provincial local joint comprehensive long-term urgent sustainable "
        "inclusive practical constructive fragile difficult sensitive serious growing recent "
        "ongoing upcoming previous future new fresh renewed informal official high-level senior "
        "technical parliamentary consular cross-border northern southern eastern western central "
        "rural urban religious ethnic tribal cultural educational agricultural industrial digital "
        "environmental medical emergency temporary permanent public private independent interim "
        "landmark unprecedented modest limited broad detailed preliminary final formal secret "
        "direct indirect peaceful violent armed civilian covert overland coordinated"
    ).split(),
    "NOUN": (
        "cooperation dialogue agreement memorandum framework mechanism initiative proposal plan "
        "roadmap strategy policy approach position stance concern priority commitment guarantee "
        "assistance aid support investment loan grant project corridor pipeline railway highway "
        "route crossing checkpoint frontier province district region village camp delegation "
        "mission embassy consulate ministry council committee commission parliament government "
        "administration leadership movement coalition alliance bloc forum summit conference "
        "meeting session round visit trip exchange channel economy trade market currency "
        "inflation embargo tariff supply shortage drought flood earthquake crisis conflict "
        "ceasefire truce security stability peace reconciliation reconstruction development "
        "recovery election constitution decree ban restriction freedom education health water "
        "electricity gas oil wheat food medicine agenda roadmap timetable deadline budget fund "
        "programme census survey report review inquiry investigation verdict ruling appeal "
        "campaign operation offensive withdrawal deployment exercise drill patrol blockade "
        "partnership consensus compromise deal accord treaty protocol charter declaration "
        "communique statement resolution mandate license permit quota"
    ).split(),
    "NOUNS": (
        "talks negotiations consultations sanctions refugees migrants families children women "
        "girls students workers farmers traders soldiers militants fighters prisoners officials "
        "diplomats ministers delegations agreements projects routes crossings provinces districts "
        "villages camps attacks clashes restrictions rights exports imports shipments supplies "
        "convoys flights trucks investments loans grants mechanisms proposals guarantees "
        "commitments concerns priorities interests challenges threats risks opportunities "
        "measures steps efforts reforms elections protests demands tensions disputes differences "
        "issues contacts ties relations partners neighbours donors investors lawmakers clerics "
        "elders teachers doctors nurses journalists analysts experts observers envoys "
        "representatives authorities residents villagers pilgrims truckers smugglers"
    ).split(),
    "V": [  # (infinitive, past, present 3rd person)
        ("discuss", "discussed", "discusses"), ("review", "reviewed", "reviews"),
        ("examine", "examined", "examines"), ("welcome", "welcomed", "welcomes"),
        ("praise", "praised", "praises"), ("criticise", "criticised", "criticises"),
        ("condemn", "condemned", "condemns"), ("reject", "rejected", "rejects"),
        ("support", "supported", "supports"), ("back", "backed", "backs"),
        ("endorse", "endorsed", "endorses"), ("propose", "proposed", "proposes"),
        ("announce", "announced", "announces"), ("unveil", "unveiled", "unveils"),
        ("sign", "signed", "signs"), ("approve", "approved", "approves"),
        ("finalise", "finalised", "finalises"), ("launch", "launched", "launches"),
        ("resume", "resumed", "resumes"), ("suspend", "suspended", "suspends"),
        ("postpone", "postponed", "postpones"), ("extend", "extended", "extends"),
        ("expand", "expanded", "expands"), ("strengthen", "strengthened", "strengthens"),
        ("boost", "boosted", "boosts"), ("deepen", "deepened", "deepens"),
        ("ease", "eased", "eases"), ("lift", "lifted", "lifts"), ("impose", "imposed", "imposes"),
        ("tighten", "tightened", "tightens"), ("raise", "raised", "raises"),
        ("highlight", "highlighted", "highlights"), ("underline", "underlined", "underlines"),
        ("acknowledge", "acknowledged", "acknowledges"), ("question", "questioned", "questions"),
        ("seek", "sought", "seeks"), ("demand", "demanded", "demands"),
        ("offer", "offered", "offers"), ("pledge", "pledged", "pledges"),
        ("deliver", "delivered", "delivers"), ("provide", "provided", "provides"),
        ("secure", "secured", "secures"), ("negotiate", "negotiated", "negotiates"),
        ("broker", "brokered", "brokers"), ("host", "hosted", "hosts"),
        ("attend", "attended", "attends"), ("boycott", "boycotted", "boycotts"),
        ("address", "addressed", "addresses"), ("tackle", "tackled", "tackles"),
        ("revive", "revived", "revives"), ("block", "blocked", "blocks"),
        ("delay", "delayed", "delays"), ("restore", "restored", "restores"),
        ("fund", "funded", "funds"), ("monitor", "monitored", "monitors"),
        ("coordinate", "coordinated", "coordinates"), ("oppose", "opposed", "opposes"),
        ("prioritise", "prioritised", "prioritises"), ("reaffirm", "reaffirmed", "reaffirms"),
    ],
    "ADV": (
        "firmly repeatedly publicly privately quietly openly formally jointly separately "
        "cautiously strongly briefly again already also still reportedly"
    ).split(),
    "SAY": ["said", "noted", "stressed", "added", "argued", "warned", "insisted", "explained",
            "recalled", "suggested", "acknowledged", "claimed", "confirmed", "maintained",
            "indicated", "announced", "observed", "pointed out"],
    "MODAL": "will would could should must may might cannot".split(),
    "PREP": "on over about regarding concerning for against with amid".split(),
    "OFF": (
        "officials diplomats negotiators lawmakers commanders spokesmen envoys ministers "
        "delegates sources advisers representatives"
    ).split(),
    "DET": ["the", "the", "the", "a", "a new", "the proposed", "the planned", "the latest",
            "this year's", "a long-delayed", "the so-called", "an expanded", "the existing"],
    "REL": ["which", "who", "that"],
}

# Nonterminals: each a list of templates (one is picked and rendered).
GRAMMAR = {
    "NP": ["{DET} {ADJ} {NOUN}", "{DET} {NOUN}", "{ADJ} {NOUNS}", "the {ADJ} {NOUNS}",
           "{DET} {ADJ} {NOUN} of {C1}", "{DET} {NOUN} in {L1}", "{C1.dem} {NOUNS}",
           "the {NOUN} {PREP} {ADJ} {NOUNS}", "{N} {NOUNS}", "{ADJ} and {ADJ} {NOUNS}"],
    "SUBJ": ["{P1}", "{P2}", "{P3}", "{C1}", "{C2}", "{C1.dem} {OFF}", "{C2.dem} {OFF}",
             "the {O1}", "{C1.cap}", "the {ADJ} {OFF}", "{U1}", "a {C3.dem} delegation",
             "the {NOUN} {NOUN} of {C1}", "senior {OFF} from {C2}", "{P4}", "the {O2}"],
    "PP": ["in {L1}", "in {L2}", "with {C2}", "between {C1} and {C2}", "{PREP} {NP}",
           "{PREP} the {ADJ} {NOUN}", "across {C1}", "along the {ADJ} border",
           "[at|after|before] the {NOUN}", "in the {ADJ} province of {L3}", "for {NP}",
           "with the {O1}", "under {DET} {ADJ} {NOUN}", "near {L2}", "{TIMEX}"],
    "TIMEX": ["on {W}", "on {W2}", "last week", "earlier this week", "earlier this month",
              "last month", "late on {W}", "over the weekend", "in recent days",
              "in recent weeks", "since {YEAR}", "in early {MONTH}", "in mid-{MONTH}",
              "in late {MONTH}", "a day earlier", "two days later", "hours after the {NOUN}",
              "at the end of {MONTH}", "[for the first time since|for the first time in years, since|again after] {YEAR}", "this year"],
    "REASON": ["citing {NP}", "amid {ADJ} {NOUNS}", "despite {ADJ} {NOUNS}",
               "as part of {DET} {ADJ} {NOUN}", "in response to {DET} {ADJ} {NOUN}",
               "after {NP} {PP}", "ahead of {DET} {ADJ} {NOUN}", "following {NP}",
               "to ease {ADJ} {NOUNS}", "without giving details", "[in a bid|in an effort|seeking] to {VINF} {NP}"],
    "FILLER": [
        "{TIMEX}, {SUBJ} {VPAST} {NP} {PP}.",
        "{SUBJ} {VPAST} {NP} {PP}, {REASON}.",
        "{SUBJ} {ADV} {VPAST} {NP} {PP} {TIMEX}.",
        "{SUBJ} {SAY} that {SUBJ} {MODAL} {VINF} {NP} {PP}.",
        "{SUBJ} {SAY} {NP} {MODAL} {VINF} {NP}, {REASON}.",
        "The {ADJ} {NOUN} {PP} was {VPAST} {TIMEX}, {REASON}.",
        "{N} {NOUNS} were {VPAST} {PP} {TIMEX}, {SUBJ} {SAY}.",
        "According to {A}, {SUBJ} {VPAST} {NP} {PP}.",
        "{SUBJ}, {REL} {VPAST} {NP} {TIMEX}, {SAY} {NP} {MODAL} {VINF} {NP}.",
        "{NP} {PP} {MODAL} {VINF} {NP}, {SAY} {SUBJ}, {REASON}.",
        "It [was|remained|is] [not clear|unclear|uncertain] [whether|if] {SUBJ} {MODAL} {VINF} {NP} {PP}.",
        "{SUBJ} has {ADV} {VPAST} {NP} {PP} {REASON}.",
        "Both sides {VPAST} {NP} and {VPAST} {NP} {PP}.",
        "{SUBJ} and {SUBJ} {VPAST} {NP} {PP}, but {NOUNS} [over|about|on] {NP} [remain|persist].",
        "{TIMEX}, {NP} {PP} {VPAST} {NP}, {SUBJ} {SAY}.",
        "The {NOUN} [comes|came|was announced] {REASON}, {REL} {VPAST} {NP} {PP}.",
    ],
    "TOPIC": ["{NP}", "{ADJ} {NOUN}", "{NP} {PP}", "the situation in {C1}",
              "{ADJ} {NOUN} with {C2}", "the {NOUN} of {NOUNS}", "{NOUN} and {NOUN}",
              "{DET} {ADJ} {NOUN} through {L1}", "{ADJ} {NOUNS} on the {LR1}"],
    "QUOTE": [
        "{SUBJQ} {MODAL} {VINF} {NP} {PP}", "{SUBJQ} {MODAL} not {VINF} {NP}",
        "We {MODAL} {VINF} {NP} {PP}", "{SUBJQ} is the only {ADJ} {NOUN}",
        "There is no {ADJ} {NOUN} without {NP}", "Our {NOUN} on {TOPIC} has not changed",
        "{SUBJQ} {VPRES} {NP}, and {NOUNS} {MODAL} {VINF} {NP}",
        "We are ready to {VINF} {NP} {PP}", "{SUBJQ} needs {ADJ} {NOUN}, not {ADJ} {NOUNS}",
        "Nobody {MODAL} {VINF} {NP} {PP}", "{TOPIC} [is|remains] in [the interest|the interests] of {NP}",
        "{SUBJQ} has {VPAST} {NP} {PP}", "Any {ADJ} {NOUN} {MODAL} {VINF} {NP}",
    ],
    "SUBJQ": ["The {ADJ} {NOUN}", "Our country", "The region", "Dialogue", "This {NOUN}",
              "The international community", "The {NOUN} in {C1.cap}", "{C1}",
              "The {O1.short}", "Every {ADJ} {NOUN}", "The {ADJ} {NOUNS}"],
}

# The seeds' and the development corpus's characteristic sentences. {P1} introduces a person
# with a role the first time and then uses the surname, {P1.full} is the name alone,
# {C1.dem} a demonym, {C1.cap} the capital, {O1.short} an acronym after first mention, {U1} a
# name the gazetteer does not know (a candidate), {T} a topic, {Q} a quote.
SENTENCES = {
    "lead": [
        "{C1.CAP} — {C1} is [insistent on|sticking to|firm in] its position that the {NOUN} in {C2} must be [resolved|settled|addressed] through {NOUNS}, a senior {C1.dem} [diplomat|official|envoy] said on {W}.",
        "{C1.CAP} — {P1} [met|held talks with|received] {P2} in {L1} on {W} to [discuss|review|examine] {T}.",
        "{C1.CAP} — Special envoys from {C1}, {C2}, {C3} and {C4} [discussed|reviewed|exchanged views on] {T} in a meeting on {W} on the sidelines of the {O1} [meeting|summit|session] in {L1}.",
        "{P1} and {P2} agreed in a {W} phone call to [cooperate on|coordinate their efforts on|work together on] {T}.",
        "{C1} [hosted|convened|organised] talks on {C2} on {W} [involving|bringing together] senior representatives of the {O1} and other [factions|parties|groups], a round of diplomacy that underlines {C1.cap}’s [clout|influence|role].",
        "Representatives from {C1.cap}, {C2.cap} and {C3.cap} [expressed|declared|confirmed] in a joint statement their willingness to [cooperate on|work on|support] {T}.",
        "{C1}, {C2} and {C3} began talks with the {O1} on {W} to [guarantee|secure|promote] the “stability” of the region, threatened by {T}.",
        "{P1} arrived in {L1} on {W} at the head of a [high-ranking|large|political|trade] delegation for [talks|consultations|meetings] on {T}.",
        "In a {W} phone call, {P1} and {P2} [agreed|decided|promised] to [cooperate on|jointly address|work together on] {T}.",
        "[Foreign ministers|Envoys|Senior officials] of {C1}’s neighbours will meet in {L1} [next week|later this month|in {MONTH}] to discuss {T}, {P1} announced on {W}.",
        "{C1.CAP} — {FILLER}",
    ],
    "meeting": [
        "{P1} met {P2} in {L1} on {W} to [discuss|review|talk about] {T}.",
        "[At the meeting in|During the talks in|While in] {L1}, {P1} [emphasized|said|stressed] that {C1.cap} [is in favor of|supports|backs] a [negotiated|political|peaceful] solution to {T}.",
        "{P1} [made the remarks|spoke|was speaking] [in|during|at] a [meeting|session|conversation] with {P2}, {P2.role}, in {L1} on {W}.",
        "[The two|Both] [sides|delegations|ministers] also [discussed|reviewed|touched on] {T} and agreed to [set up|form|establish] a [joint working group|contact group|technical committee|task force] on {T}.",
        "{P2} [arrived|flew|travelled] to {L2} on {W} and met {P1} to [review|discuss|follow up on] {T}.",
        "A [two-day|three-day|one-day] [meeting|conference|round of talks] was held in {L1} [this week|on {W}] with representatives from {C1}, {C2} and {C3}.",
        "[Regarding|Referring to|Speaking about] the [meeting|talks|session] in {L1}, {P1} [said|noted|added] [the participants|all sides|the delegates] [had agreed|agreed|reached consensus] on {T}.",
        "{P1} also held [separate|bilateral|private] talks with {P3} on the sidelines of the [conference|meeting|forum|summit].",
        "The {O1} [meeting|session|summit] was [hosted|held|organised] [by|in] {C2} on {MONTH} {DAYS}.",
        "The {C1.dem} [delegation|team|side] was [headed|led] by {P1} and the {O1} [team|delegation|side] by {P3}.",
        "[Five|Two|Three|Several] years ago, when {P2} visited {C1.cap} and met {P1}, they [discussed|talked about|spoke of] {T}.",
    ],
    "quote": [
        "“{Q},” {P1} said.",
        "“{Q},” {P1} told [reporters|journalists|a news conference] in {L1}.",
        "“{Q},” said {U1}, {U1.role}.",
        "{P1} [said|stated|declared] that “{q}.”",
        "“{Q},” the [joint|final|closing] [statement|declaration|communique] [said|read|added].",
        "“{Q},” {P1} [stressed|emphasised|added|noted|insisted].",
        "{P1} told the {A} [news agency|agency] [that|on {W} that] “{q}.”",
        "“{Q},” {P1} [wrote|posted|said] on [X, formerly Twitter|X|social media|Telegram].",
        "{P1} added: “{Q}.”",
        "“{Q}. {Q},” {P1} [said|added], [according to|quoted by] {A}.",
        "[Speaking|Talking] to [reporters|journalists|the press] [on {W}|in {L1}|after the {NOUN}], {P1} said “{q}.”",
        "{P1} was “[pleased|glad|honoured] to [participate|take part|attend]” and [said|added|noted] that [all|both|the] [parties|sides] “{q}.”",
        "“{Q},” [a senior|a|one] {C1.dem} [official|diplomat|source] told {A} [on condition of anonymity|without giving a name|privately].",
    ],
    "wire": [
        "{P1} said {C1} [would|will] [continue to support|keep supporting|back] {T}, the {A} [news agency|agency] [reported|said].",
        "The [statement|announcement|message] came from {C1}’s Ministry of Foreign Affairs and was [reported|carried|published] by {A}.",
        "{P1} said {C1.cap} was [ready|prepared|willing] to [host|facilitate|support] talks on {T}, according to {A}.",
        "The {S} [informs via|reports, citing] {S} that {P1} will [travel|go|fly] to {L1} [next week|later this month|soon].",
        "{A} quoted {P1} as saying that {T} [remained|remains|was] a [priority|key issue|concern] for {C1.cap}.",
        "[According to|Citing] [reports by|reports in] {C1.dem} [media|newspapers|television], {P1} will [visit|travel to] {L1} [next month|in the coming weeks|soon].",
        "{P1} [said|told] [in an interview with|the] {A} that {C1} [had no plans|was not ready|did not intend] to [recognize|recognise|engage] the [government|authorities|rulers] in {C2.cap}.",
    ],
    "analysis": [
        "{U1}, {U1.role}, said {FILLERLOW}",
        "According to {U1}, {U1.role}, {FILLERLOW}",
        "Envoy {U1} said the [talks|meetings|consultations] had been “[constructive|useful|frank]” but that differences remained on {T}.",
        "Mawlawi {U2}, a member of the [political|Taliban|visiting] delegation, said “{q}.”",
        "[Political|Security|Regional] analysts at the {UI} Institute for [Strategic|Regional|Policy] Studies said {C1.cap} was watching {T} [closely|carefully].",
        "“{Q},” said {U2}, {U2.role}.",
    ],
    "close": [
        "The talks will [continue|resume] in {L1} [next month|later this year|in {MONTH}].",
        "{P1} is expected to visit {C2.cap} [next week|later this month|soon] to follow up on {T}.",
        "The next round of [consultations|talks|meetings] is [scheduled|expected|planned] to take place in {L1}.",
        "[Neither side|No side|The statement] [provided|gave|offered] [further|more|other] details.",
        "{P1} did not provide further details.",
        "The {O1} has not commented on the [meeting|report|statement].",
        "The [ministry|embassy|office] said it would announce the date of the next meeting [later|in due course|soon].",
        "{FILLER}",
    ],
    "filler": ["{FILLER}"],
}

# One per article, with figures derived from its number: no two bodies are the same.
UNIQUE_FACT = [
    "[Officials|Local authorities|Aid workers] in {L1} said {XA} [people|returnees|applicants] had [registered|signed up|been counted] at the [reception centre|aid distribution point|border crossing] since {MONTH}, and {XB} [trucks|convoys|flights] were [expected|due] [this week|by {W}].",
    "The [ministry|provincial office|agency] said {XA} [households|families|students] in {L1} had [received assistance|been helped|been reached] [so far|since {MONTH}|this year], with {XB} more [teams|clinics|schools] [to open|planned|on the way].",
    "[According to|Citing] the [provincial governor|local council|district chief] in {L1}, {XA} [hectares|kilometres of roads|homes] were [affected|damaged|flooded] and {XB} [villages|districts|bridges] [remain|are still] cut off.",
]

HEADLINES = [
    "{C1}, {C2} and {C3} {VPRES} {ADJ} {NOUN} with the {O1}",
    "{P1.sur}, {P2.sur} agree on {TOPIC}",
    "{C1} hosts {C2.dem} talks, calls for {ADJ} {NOUN}",
    "{O1} seeks {ADJ} {NOUN} amid {ADJ} {NOUNS}",
    "Envoys from region hold talks on {C1} in {L1}",
    "{C1} insists talks are only solution to {C2.dem} {NOUN}",
    "{C1.cap} to host {ADJ} meeting on {C2}",
    "{P1.sur}: {C1} ready to {VINF} {TOPIC}",
    "{C1.dem} and {C2.dem} {OFF} {VPRES} {TOPIC}",
    "{C1} {VPRES} {NP} in {L1}",
    "{P1.sur} meets {P2.sur} in {L1}",
    "{C1} issues travel warning to {C2}",
    "{O1} calls for {TOPIC}",
    "{C1} and {C2} sign {ADJ} {NOUN} on {TOPIC}",
    "{P1.sur} warns of {ADJ} {NOUNS} in {C2}",
    "{C1} and {C2} to {VINF} {ADJ} {NOUN}",
    "{C1.dem} delegation visits {L1} for talks on {TOPIC}",
    "What {C1} wants from the {O1}",
    "{NOUNS} {VPAST} in {L1} as {C1} {VPRES} {NP}",
]

KICKERS = ["International", "World", "Asia", "Politics", "Diplomacy", "Region", "Security", "Opinion"]
TAGS = ["Iran", "Afghanistan", "Politics", "Region", "Security", "Diplomacy", "World", "Economy"]
TEASERS = [
    "{P1.full} opens talks in {L1} with a call for {NOUN}",
    "{C1} and {C2} discuss {TOPIC}",
    "{O1} condemns attack in {L1}",
    "{C1} {VPRES} {NP}",
    "{P1.sur} {VPRES} {NP} in {L2}",
]

UNKNOWN_ROLES = [
    "a former {C1.dem} prosecutor", "a political analyst in {C1.cap}", "a professor at {C1.cap} University",
    "a senior fellow at the {UI} Institute for Strategic Studies", "a former {C1.dem} diplomat",
    "a member of the {C1.dem} parliament", "the head of a local aid group", "a security analyst",
    "a spokesman for the provincial governor", "a researcher at the {UI} Center for Regional Studies",
    "a {ADJ} {NOUN} expert", "an elder from {L2}", "a trader in {L1}",
]
INSTITUTES = ["Caspian", "Central Asia", "Eurasian", "Hindu Kush", "Silk Road", "Amu Darya",
              "Pamir", "Indus", "Khorasan", "Gulf", "Persian", "Steppe"]

# Invented names (checked against the gazetteer at load time): candidates, as in real copy.
FIRST = ["Ahmad", "Abdul", "Ghulam", "Farid", "Nasir", "Hamid", "Javad", "Reza", "Mahmoud",
         "Sayed", "Bashir", "Wahid", "Karim", "Rahim", "Omid", "Dawood", "Jamshid", "Farhad",
         "Kamal", "Yusuf", "Dmitry", "Alexei", "Nikolai", "Igor", "Pavel", "Wang", "Li",
         "Zhang", "Liu", "Chen", "Imran", "Tariq", "Asif", "Bilal", "Rustam", "Timur",
         "Bakhtiyor", "Aziz", "Nargis", "Laila", "Fatima", "Zahra", "Maryam", "Shabnam",
         "Elena", "Olga", "Sadia", "Ayesha", "Gulnara", "Dilnoza"]
LAST = ["Rahimi", "Sultani", "Noorzai", "Karimi", "Haidari", "Amiri", "Sadeghi", "Moradi",
        "Hosseini", "Jafari", "Qaderi", "Wardak", "Popal", "Barakzai", "Safi", "Nazari",
        "Akbari", "Ebrahimi", "Tehrani", "Shirazi", "Volkov", "Sokolov", "Morozov", "Pavlov",
        "Kuznetsov", "Zhou", "Huang", "Zhao", "Qureshi", "Siddiqui", "Chaudhry", "Malik",
        "Rasulov", "Karimov", "Yusupov", "Nazarov", "Saidov", "Tursunov", "Abdulloev",
        "Mirzoev", "Kholov", "Ergashev", "Tokhtarov", "Kassymov", "Bekov", "Alimov",
        "Farahi", "Zahedi", "Mansoori", "Samadi"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

FOCUS_COUNTRIES = [
    "afghanistan", "russia", "china", "iran", "pakistan", "united-states", "india",
    "tajikistan", "uzbekistan", "turkmenistan", "kazakhstan", "kyrgyzstan", "qatar", "turkey",
    "saudi-arabia", "united-kingdom", "germany", "france", "japan", "united-arab-emirates",
    "azerbaijan", "iraq", "syria", "ukraine", "israel",
]


# -- the gazetteer, as pools to draw from ---------------------------------------------------

class Pool:
    """Items with Zipf-like weights (exponent ``s`` over their given order)."""

    def __init__(self, items, s=0.8, weights=None):
        self.items = list(items)
        if weights is None:
            weights = [1.0 / (k + 1) ** s for k in range(len(self.items))]
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng):
        return self.items[bisect(self.cum, rng.random() * self.total)]


@dataclass
class Country:
    id: str
    name: str
    dem: str
    capital: str


@dataclass
class Person:
    name: str
    surname: str
    intro: str  # "Russian Foreign Minister Sergey Lavrov"
    role: str  # "the Russian foreign minister"
    country: str | None


@dataclass
class Org:
    name: str
    short: str


@dataclass
class Place:
    name: str
    country: str | None
    kind: str


@dataclass
class World:
    countries: dict[str, Country]
    country_pool: Pool
    people: Pool
    people_by_country: dict[str, list[Person]]
    orgs: Pool
    places: Pool
    places_by_country: dict[str, list[Place]]
    rivers: list[str]
    agencies: list[tuple[str, list[str]]]  # canonical name, spellings
    publishers: list[tuple[str, list[str]]]
    unknown: Pool
    licences: list[str] = field(default_factory=list)


def _jsonl(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if "_provenance" not in record:
                yield record


def load_world() -> World:
    gz = DATA / "gazetteer"
    by_id = {}
    for name in ("countries", "places", "organizations", "people"):
        for r in _jsonl(gz / f"{name}.jsonl"):
            by_id[r["id"]] = r
    countries = {}
    for r in _jsonl(gz / "countries.jsonl"):
        if r.get("subtype") != "state" or not r.get("demonyms") or not r.get("capital"):
            continue
        capital = by_id.get(r["capital"], {}).get("name")
        if not capital:
            continue
        countries[r["id"]] = Country(r["id"], r["name"], r["demonyms"][0], capital)
    # The region's countries in order of prominence (Zipf), the rest of the world a 5% tail.
    focus = [countries[c] for c in FOCUS_COUNTRIES if c in countries]
    rest = [c for k, c in countries.items() if k not in FOCUS_COUNTRIES]
    head = [1.0 / (k + 1) ** 0.9 for k in range(len(focus))]
    tail = [sum(head) * 0.05 / len(rest)] * len(rest)
    country_pool = Pool(focus + rest, weights=head + tail)

    people = []
    by_country: dict[str, list[Person]] = {}
    for r in _jsonl(gz / "people.jsonl"):
        name = r["name"]
        surname = name.split()[-1]
        roles = r.get("roles") or []
        current = next((x for x in roles if not x.get("end")), roles[-1] if roles else None)
        intro, role = name, "an official"
        if current:
            title = current.get("title") or ""
            of = by_id.get(current.get("of") or "", {})
            if of.get("type") == "country" and of.get("demonyms"):
                dem = of["demonyms"][0]
                intro = f"{dem} {title} {name}"
                role = f"the {dem} {title.lower()}"
                if current.get("end"):
                    intro = f"former {dem} {title} {name}"
                    role = f"a former {dem} {title.lower()}"
            elif of:
                intro = f"{title} of the {of['name']} {name}" if " of " not in title else f"{title} {name}"
                role = f"the {title.lower()} of the {of['name']}" if " of " not in title else f"the {title}"
        person = Person(name, surname, intro, role, r.get("country"))
        people.append(person)
        if r.get("country"):
            by_country.setdefault(r["country"], []).append(person)
    orgs = []
    for r in _jsonl(gz / "organizations.jsonl"):
        if r.get("subtype") in ("media", "news_agency", "platform"):
            continue
        acronyms = [a for a in r.get("aliases", []) if a.isupper() and 2 <= len(a) <= 6]
        orgs.append(Org(r["name"], acronyms[0] if acronyms else r["name"]))
    places = []
    places_by_country: dict[str, list[Place]] = {}
    rivers = []
    for r in _jsonl(gz / "places.jsonl"):
        kind = r.get("subtype") or ""
        if kind == "river":
            rivers.append(r["name"])
        if kind in ("capital", "city", "province", "border_crossing", "region"):
            p = Place(r["name"], r.get("country"), kind)
            if kind != "capital":
                places.append(p)
            places_by_country.setdefault(r.get("country") or "", []).append(p)
    agencies, publishers = [], []
    with open(DATA / "sources.csv", encoding="utf-8") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    for row in csv.DictReader(rows):
        spellings = [row["name"]] + [a for a in (row.get("aliases") or "").split("|") if a]
        (agencies if row["kind"] == "agency" else publishers).append((row["name"], spellings))
        if row["kind"] == "agency":
            publishers.append((row["name"], spellings))
    known = set()
    for r in by_id.values():
        known.add(r["name"])
        known.update(r.get("aliases") or [])
    unknown = [f"{f} {l}" for l in LAST for f in FIRST if f"{f} {l}" not in known]
    random.Random(7).shuffle(unknown)
    return World(countries, country_pool, Pool(people, s=0.9), by_country, Pool(orgs, s=0.9),
                 Pool(places, s=0.7), places_by_country, rivers or ["Amu Darya"], agencies,
                 publishers, Pool(unknown, s=0.6))


# -- one article ------------------------------------------------------------------------------

_COMPILED = None


def _compiled():
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = {
            # "{q}": a quote run into a sentence, lower-cased ("{Q.low}")
            "sentences": {k: [_compile(t.replace("{q}", "{Q.low}")) for t in v]
                          for k, v in SENTENCES.items()},
            "grammar": {k: [_compile(t.replace("{q}", "{Q.low}")) for t in v]
                        for k, v in GRAMMAR.items()},
            "unique": [_compile(t) for t in UNIQUE_FACT],
            "headlines": [_compile(t) for t in HEADLINES],
            "teasers": [_compile(t) for t in TEASERS],
            "uroles": [_compile(t) for t in UNKNOWN_ROLES],
        }
    return _COMPILED


_LOWER_FIRST = {"The", "A", "An", "It", "Both", "According", "Any", "Senior", "Hours", "Last",
                "Earlier", "In", "On", "Over", "Since", "At", "For", "Two", "This"}
_VERB_FORM = {"VINF": 0, "VPAST": 1, "VPRES": 2}
_A_AN = re.compile(r"\b([Aa]) (?=[aeioAEIO])")


class Article:
    """The state of one article being written: its cast and who was introduced."""

    def __init__(self, world: World, rng: random.Random, day: date):
        self.w = world
        self.rng = rng
        self.day = day
        self.c = _compiled()
        self.countries: list[Country] = []
        while len(self.countries) < 4:
            c = world.country_pool.pick(rng)
            if c not in self.countries:
                self.countries.append(c)
        self.people: list[Person] = []
        while len(self.people) < 4:
            home = self.countries[len(self.people) % 3].id
            local = world.people_by_country.get(home)
            p = rng.choice(local) if local and rng.random() < 0.6 else world.people.pick(rng)
            if p not in self.people:
                self.people.append(p)
        self.orgs = []
        while len(self.orgs) < 2:
            o = world.orgs.pick(rng)
            if o not in self.orgs:
                self.orgs.append(o)
        self.places = []
        for i in range(3):
            local = world.places_by_country.get(self.countries[i % 2].id)
            self.places.append(rng.choice(local) if local and rng.random() < 0.7 else world.places.pick(rng))
        self.unknown = [world.unknown.pick(rng), world.unknown.pick(rng)]
        self.unknown_roles = [None, None]
        self.agencies = [rng.choice(world.agencies), rng.choice(world.agencies)]
        self.fact = ("", "")
        self.decks: dict[str, list] = {}
        self.introduced: set[int] = set()
        self.orgs_seen: set[int] = set()

    # slots ------------------------------------------------------------------------------
    def slot(self, kind: str, i: int, var: str) -> str:
        rng = self.rng
        if kind == "P":
            p = self.people[i % len(self.people)]
            if var == "full":
                self.introduced.add(id(p))
                return p.name
            if var == "sur":
                return p.surname
            if var == "role":
                return p.role
            if id(p) in self.introduced:
                return p.surname if rng.random() < 0.8 else p.name
            self.introduced.add(id(p))
            return p.intro
        if kind == "C":
            c = self.countries[i % len(self.countries)]
            if var == "dem":
                return c.dem
            if var == "cap":
                return c.capital
            if var == "CAP":
                return c.capital.upper()
            return c.name
        if kind == "O":
            o = self.orgs[i % len(self.orgs)]
            if var == "short" or (i in self.orgs_seen and o.short != o.name):
                return o.short
            self.orgs_seen.add(i)
            return o.name
        if kind == "L":
            return self.places[i % len(self.places)].name
        if kind == "LR":
            return rng.choice(self.w.rivers)
        if kind == "U":
            if var == "role":
                if self.unknown_roles[i % 2] is None:
                    self.unknown_roles[i % 2] = self.render(rng.choice(self.c["uroles"]))
                return self.unknown_roles[i % 2]
            return self.unknown[i % 2]
        if kind == "UI":
            return rng.choice(INSTITUTES)
        if kind == "A":
            return rng.choice(self.agencies[i % 2][1][:2])
        if kind == "S":
            return rng.choice(self.w.publishers)[0]
        if kind == "W":
            return WEEKDAYS[(self.day.weekday() - 1 - i) % 7]
        words = LEX.get(kind)
        if words is not None:
            return rng.choice(words)
        form = _VERB_FORM.get(kind)
        if form is not None:
            return rng.choice(LEX["V"])[form]
        rules = self.c["grammar"].get(kind)
        if rules is not None:
            return self.render(rng.choice(rules))
        if kind == "T":
            return self.render(rng.choice(self.c["grammar"]["TOPIC"]))
        if kind == "FILLERLOW":
            return _lower_first(self.render(rng.choice(self.c["grammar"]["FILLER"])))
        if kind == "Q":
            q = self.render(rng.choice(self.c["grammar"]["QUOTE"]))
            if var == "low":  # run into a sentence: "said “...”"
                return _lower_first(q)
            return q[0].upper() + q[1:]
        if kind == "MONTH":
            return MONTHS[(self.day.month - 1 - rng.randrange(3)) % 12]
        if kind == "DAYS":
            d = rng.randint(1, 27)
            return f"{d}-{d + 1}"
        if kind == "YEAR":
            return str(self.day.year - rng.randint(1, 25) if i == 0 else self.day.year + rng.randint(1, 5))
        if kind == "XA":
            return self.fact[0]
        if kind == "XB":
            return self.fact[1]
        if kind == "N":
            return str(rng.randint(2, 95))
        raise KeyError(kind)

    def render(self, parts) -> str:
        out = []
        for p in parts:
            if type(p) is str:
                out.append(p)
            elif p[0] == 1:
                out.append(self.slot(p[1], p[2], p[3]))
            else:
                out.append(self.render(self.rng.choice(p[1])))
        return "".join(out)

    def sentence(self, group: str) -> str:
        # Templates of a group are dealt like cards: none repeats before the deck is used up.
        deck = self.decks.get(group)
        if not deck:
            deck = self.decks[group] = list(self.c["sentences"][group])
            self.rng.shuffle(deck)
        s = _A_AN.sub(r"\1n ", self.render(deck.pop()))
        return s[0].upper() + s[1:] if s[:1].islower() else s


def _lower_first(s: str) -> str:
    first = s.split(" ", 1)[0]
    return s[0].lower() + s[1:] if first in _LOWER_FIRST else s


STYLES = [
    ("sputnik", 20), ("tehran", 20), ("dateline_first", 15), ("hindu", 15),
    ("eurasia", 15), ("amu", 10), ("bare", 5),
]
_STYLE_NAMES = [s for s, _ in STYLES]
_STYLE_CUM = list(accumulate(w for _, w in STYLES))


def _pick_date(rng: random.Random) -> date:
    # Most of the archive is 2021-2023 (the Taliban takeover and after); a tail back to 2015.
    year = rng.choices(range(2015, 2026), weights=[1, 1, 1, 2, 2, 3, 10, 6, 5, 4, 3])[0]
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _ampm(h: int, m: int) -> str:
    return f"{(h - 1) % 12 + 1}:{m:02d} {'am' if h < 12 else 'pm'}"


@dataclass
class Generated:
    index: int
    filename: str
    text: str
    title: str
    body: str
    published: str | None
    source: str | None
    words: int
    style: str


def generate_article(world: World, seed: int, i: int) -> Generated:
    rng = random.Random(f"{seed}:{i}")
    day = _pick_date(rng)
    hour, minute, _second = rng.randrange(24), rng.randrange(60), rng.randrange(60)
    art = Article(world, rng, day)
    style = _STYLE_NAMES[bisect(_STYLE_CUM, rng.random() * _STYLE_CUM[-1])]
    title = art.render(rng.choice(art.c["headlines"]))
    title = title[0].upper() + title[1:]
    if rng.random() < 0.5:  # headline case, as many sites print it
        title = " ".join(w[0].upper() + w[1:] if w.islower() and len(w) > 3 else w for w in title.split(" "))
    art.introduced.clear()
    art.orgs_seen.clear()

    target = int(rng.triangular(300, 1200, 550))
    paragraphs: list[str] = []
    words = 0
    first = art.sentence("lead")
    if style != "tehran" and first[:1].isupper() and " — " in first[:30]:
        first = first.split(" — ", 1)[1]
    elif style == "tehran" and " — " not in first[:30]:
        first = f"{art.countries[0].capital.upper()} — {first}"
    para = [first]
    unique_at = rng.randrange(3, 8)
    groups = ["filler"] * 16 + ["quote"] * 2 + ["meeting"] * 2 + ["wire", "analysis"]
    n = 0
    while True:
        n += 1
        if n == unique_at:
            a, b = 1000 + 13 * (i // 89), 2 + i % 89  # (a, b) differs for every i
            art.fact = (f"{a:,}", str(b))
            s = art.render(rng.choice(art.c["unique"]))
        else:
            s = art.sentence(rng.choice(groups))
        para.append(s)
        if len(para) >= rng.choice((1, 2, 2, 3, 3, 4)):
            text = " ".join(para)
            paragraphs.append(text)
            words += text.count(" ") + 1
            para = []
            if words >= target and n > unique_at:
                break
    paragraphs.append(art.sentence("close"))
    words += paragraphs[-1].count(" ") + 1

    source = None
    published = None
    fmt_day = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    header: list[str] = []
    tail: list[str] = []
    body_paras = list(paragraphs)
    filename = None

    if style == "amu":
        name, spellings = rng.choice(world.publishers)
        source = name
        shown = rng.choice(spellings[:3])
        header = [title, "", f"Source: {shown}", "", title, "",
                  f"  • {day.day} {MONTHS[day.month - 1][:3]}, {hour:02d}:{minute:02d}",
                  f"  • {rng.choice(TAGS)}", ""]
        tail = ["", "Related news", "", art.render(rng.choice(art.c["teasers"])) + "."]
    elif style == "sputnik":
        published = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
        header = [title, "", f"{WEEKDAYS[day.weekday()]}, {fmt_day} | {_ampm(hour, minute)}.", ""]
        shown = rng.choice(["Sourse: sputniknews.com", "Source: Sputnik", "Source: sputniknews.com"])
        source = "Sputnik"
        tail = ["", "Leave a Comment", shown, "", "Related posts", "", "Leave a Reply", "",
                "Your email address will not be published. Required fields are marked *"]
    elif style == "dateline_first":
        published = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
        header = [f"{fmt_day}, {hour}:{minute:02d}", "", title, "", title, ""]
        agency = rng.choice(["AFP", "AP", "Reuters", "Sputnik"])
        caption = (f"{agency} {day.year} / {art.unknown[1].upper()} In this file photo taken on "
                   f"{fmt_day}, a {art.countries[0].dem} security officer stands guard in {art.places[0].name}")
        body_paras.insert(min(3, len(body_paras) - 1), caption)
    elif style == "hindu":
        published = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
        header = [rng.choice(KICKERS), "", title, "",
                  f"{art.people[0].name} speaks in {art.places[0].name} on {fmt_day}.   | Photo Credit: {rng.choice(['AP', 'Reuters', 'AFP', 'PTI'])}",
                  "", f"Published - {fmt_day} {_ampm(hour, minute)} IST", ""]
        body_paras.insert(min(4, len(body_paras) - 1), "Read more:")
        later = day + timedelta(days=rng.randint(1, 60))
        tail = ["", "Our code of editorial values", "", "This article is closed for comments.",
                "Please Email the Editor", "",
                f"Printable version | {MONTHS[later.month - 1][:3]} {later.day}, {later.year} {_ampm(hour, minute).replace(' am', ':00 AM').replace(' pm', ':00 PM')} |",
                "", "Next Story", art.sentence("filler")]
    elif style == "eurasia":
        if rng.random() < 0.6:
            published = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
            header = [title, "", f"Published: {day.day} {MONTHS[day.month - 1]} {day.year}, {hour:02d}:{minute:02d}", "",
                      "No time to read?", "Get a summary", ""]
        else:
            header = [title, "", "No time to read?", "Get a summary", ""]
        agency = rng.choice(world.agencies)[0]
        body_paras[-1] = body_paras[-1] + f" [Source: {agency}]"
        tail = ["", "No time to read?", "Get a summary", "Previous Article", "",
                art.render(rng.choice(art.c["teasers"])), "", "Next Article", "",
                art.render(rng.choice(art.c["teasers"]))]
    elif style == "tehran":
        published = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
        source = "Tehran Times"
        header = [title, "", f"{fmt_day} - {hour:02d}:{minute:02d}", "", "Source: Tehran Times", ""]
        initials = rng.choice(["SA/PA", "MH/PR", "FA/AB", "RA/HG"])
        body_paras[-1] = body_paras[-1] + f" {initials}"
        tail = ["", "All Content by Mehr News Agency is licensed under a Creative Commons "
                    "Attribution 4.0 International License."]
    else:  # bare: body only, flattened, title from the file name
        slug = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")
        filename = f"_news_{500000 + i}_{slug}.txt"

    if style == "bare":
        text = "  ".join(body_paras) + "\n"
    else:
        text = "\n".join(header + ["\n\n".join(body_paras)] + tail) + "\n"
    body = "\n\n".join(p for p in paragraphs)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    if filename is None:
        filename = f"{i:06d}_{digest}.txt"
    if style != "tehran" and source is None and rng.random() < 0.15:
        source = None
    return Generated(i, filename, text, title, body, published, source, words, style)


def body_key(body: str) -> str:
    """The archive's identity of a body (whitespace- and case-insensitive), shortened."""
    return hashlib.sha256(" ".join(body.split()).lower().encode("utf-8")).hexdigest()[:20]


# -- shards and the corpus folder ------------------------------------------------------------

_WORLD = None


def _world() -> World:
    global _WORLD
    if _WORLD is None:
        _WORLD = load_world()
    return _WORLD


def shard_name(k: int) -> str:
    return f"{k:04d}"


def write_shard(out: Path, seed: int, k: int) -> dict:
    world = _world()
    folder = out / "articles" / shard_name(k)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (out / "jsonl").mkdir(exist_ok=True)
    (out / "meta").mkdir(exist_ok=True)
    keys, files, words, styles, nbytes = [], [], 0, {}, 0
    jsonl_tmp = out / "jsonl" / f"{shard_name(k)}.jsonl.part"
    with open(jsonl_tmp, "w", encoding="utf-8") as jl:
        for i in range(k * SHARD, (k + 1) * SHARD):
            g = generate_article(world, seed, i)
            data = g.text.encode("utf-8")
            nbytes += len(data)
            (folder / g.filename).write_bytes(data)
            jl.write(json.dumps({"title": g.title, "body": g.body, "published": g.published,
                                 "source": g.source}, ensure_ascii=False) + "\n")
            keys.append(body_key(g.body))
            files.append(g.filename)
            words += g.words
            styles[g.style] = styles.get(g.style, 0) + 1
    jsonl_tmp.replace(out / "jsonl" / f"{shard_name(k)}.jsonl")
    meta = {"shard": k, "articles": SHARD, "words": words, "bytes": nbytes, "styles": styles,
            "keys": keys, "files": files}
    tmp = out / "meta" / f"{shard_name(k)}.json.part"
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    tmp.replace(out / "meta" / f"{shard_name(k)}.json")
    return meta


def _write_shard_args(args):
    return write_shard(*args)


@dataclass
class Corpus:
    root: Path
    n: int
    seed: int
    shards: int
    generated_shards: int
    seconds: float
    words: int
    bytes: int

    def article_paths(self, n: int) -> list[str]:
        """Import arguments for the first ``n`` articles: whole shard folders, then files."""
        full, rest = divmod(n, SHARD)
        paths = [str(self.root / "articles" / shard_name(k)) for k in range(full)]
        if rest:
            folder = self.root / "articles" / shard_name(full)
            meta = json.loads((self.root / "meta" / f"{shard_name(full)}.json").read_text(encoding="utf-8"))
            paths += [str(folder / name) for name in meta["files"][:rest]]
        return paths

    def jsonl_paths(self, n: int) -> list[Path]:
        shards = -(-n // SHARD)
        return [self.root / "jsonl" / f"{shard_name(k)}.jsonl" for k in range(shards)]


def ensure_corpus(out: Path, n: int, seed: int = 1, jobs: int | None = None,
                  log=lambda msg: None) -> Corpus:
    """Generate (or reuse) the shards holding the first ``n`` articles under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "corpus.json"
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "shard_size": SHARD}
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        if any(old.get(k) != v for k, v in manifest.items()):
            log(f"corpus in {out} has another seed or generator version: regenerating")
            for sub in ("articles", "jsonl", "meta"):
                shutil.rmtree(out / sub, ignore_errors=True)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    shards = -(-n // SHARD)
    todo = [k for k in range(shards) if not (out / "meta" / f"{shard_name(k)}.json").exists()]
    started = time.perf_counter()
    if todo:
        jobs = jobs or os.cpu_count() or 1
        log(f"generating {len(todo)} shard(s) of {SHARD} articles with {jobs} process(es)...")
        if jobs > 1 and len(todo) > 1:
            import multiprocessing as mp

            with mp.get_context("fork").Pool(jobs) as pool:
                for done, _ in enumerate(pool.imap_unordered(_write_shard_args, [(out, seed, k) for k in todo]), 1):
                    if done % 10 == 0:
                        log(f"  {done}/{len(todo)} shards")
        else:
            for k in todo:
                write_shard(out, seed, k)
    seconds = time.perf_counter() - started
    seen: dict[str, int] = {}
    words = nbytes = 0
    for k in range(shards):
        meta = json.loads((out / "meta" / f"{shard_name(k)}.json").read_text(encoding="utf-8"))
        words += meta["words"]
        nbytes += meta["bytes"]
        for j, key in enumerate(meta["keys"]):
            if key in seen:
                raise SystemExit(f"duplicate body: article {k * SHARD + j} repeats article {seen[key]}")
            seen[key] = k * SHARD + j
    return Corpus(out, shards * SHARD, seed, shards, len(todo), seconds, words, nbytes)


# -- how close to real copy ---------------------------------------------------------------

def realism(corpus: "Corpus", n: int = 1000) -> dict:
    """Compare the first ``n`` synthetic bodies with the development corpus and the seeds
    (parsed by the archive's own reader): words per article, and how much word 4-grams are
    shared between articles (templated text shares far more than real copy; shared 4-grams
    also decide how long the importer's near-duplicate lookups get)."""
    sys.path.insert(0, str(ROOT))
    from archive.ingest.files import InputFile
    from archive.load import parse_file

    real = []
    for folder in (ROOT / "tests" / "fixtures" / "tehran_times" / "articles", ROOT / "seeds"):
        for f in sorted(folder.glob("*.txt")):
            for _, a in parse_file(InputFile(str(f), f)):
                real.append(a.body)
    synthetic = []
    for path in corpus.jsonl_paths(n):
        with open(path, encoding="utf-8") as fh:
            synthetic += [json.loads(line)["body"] for line in fh]
    synthetic = synthetic[:n]
    return {"real": _text_stats(real), "synthetic": _text_stats(synthetic),
            "synthetic_same_n": _text_stats(synthetic[:len(real)])}


def _text_stats(bodies: list[str]) -> dict:
    from collections import Counter

    from archive.ingest.fingerprint import sketch

    word = re.compile(r"\w+")
    grams = []
    for b in bodies:
        w = word.findall(b.lower())
        grams.append({" ".join(w[i:i + 4]) for i in range(len(w) - 3)})
    df = Counter(g for s in grams for g in s)
    cut = max(2, 0.1 * len(bodies))
    shared = sum(sum(1 for g in s if df[g] >= cut) / max(len(s), 1) for s in grams) / len(bodies)
    sk = Counter(h for b in bodies for h in sketch(b))
    return {"articles": len(bodies), "words": sum(len(b.split()) for b in bodies) / len(bodies),
            "shared_4grams": shared, "max_sketch_df": max(sk.values()) / len(bodies)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="number of articles (rounded up to shards of 1000)")
    ap.add_argument("--out", type=Path, help="corpus folder (reused if complete)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="processes (default: all cores)")
    ap.add_argument("--show", type=int, metavar="I", help="print article I and exit")
    ap.add_argument("--check", action="store_true",
                    help="compare the first 1000 articles with the development corpus")
    args = ap.parse_args(argv)
    if args.show is not None:
        g = generate_article(_world(), args.seed, args.show)
        print(f"# {g.filename} ({g.style}, {g.words} words)\n{g.text}")
        return 0
    if args.out is None:
        ap.error("--out is required")
    corpus = ensure_corpus(args.out, args.n, args.seed, args.jobs, log=lambda m: print(m, file=sys.stderr))
    print(f"{corpus.n} articles in {corpus.root} ({corpus.words / corpus.n:.0f} words and "
          f"{corpus.bytes / corpus.n / 1024:.1f} KiB per article; "
          f"{corpus.generated_shards} shard(s) generated in {corpus.seconds:.1f} s)")
    if args.check:
        r = realism(corpus, min(1000, corpus.n))
        for name, st in r.items():
            print(f"{name:17} {st['articles']:5} articles, {st['words']:5.0f} words; share of an "
                  f"article's word 4-grams found in >=10% of articles: {st['shared_4grams']:.1%}; "
                  f"most shared sketch value in {st['max_sketch_df']:.1%} of articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
