#!/usr/bin/env python3
"""Build the derived dictionaries of wenshu from the statute texts.

Usage:
    python3 dictionaries/generate.py LAW_DIR [OUT_DIR]

LAW_DIR is the folder with criminal-law.md, criminal-procedure-law-2018.md,
charge-names/ and procedure-rules/ (see its README).  OUT_DIR defaults to the
folder of this script.  The script reads the statute texts and the curated
inputs under dictionaries/src/, and writes

    charges.tsv          every charge name ever official, with status
    charge_aliases.tsv   written forms (selective components, short forms, old names)
    penalties.tsv        statutory penalty tiers per article and clause
    legal_user_dict.txt  a jieba user dictionary

It also checks the curated circumstances.tsv and deadlines.tsv (next to this
script) against the statute text and fails if a cited article does not say
what the row claims.  A coverage report goes to stderr.

Only the Python 3 standard library is used, and the output is a pure function
of the inputs: running the script twice gives byte-identical files.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"

# --------------------------------------------------------------------------
# Chinese numerals and article identifiers
# --------------------------------------------------------------------------

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "零〇一二三四五六七八九十百千两"


def cn2int(s):
    """二百六十四 -> 264; also accepts Arabic digits."""
    s = s.strip()
    if s.isdigit():
        return int(s)
    total, num = 0, 0
    for ch in s:
        if ch in CN_DIGITS:
            num = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (num or (1 if ch == "十" else 0)) * CN_UNITS[ch]
            num = 0
        else:
            raise ValueError("not a Chinese numeral: %r" % s)
    return total + num


def art_id(num, suffix=""):
    """(133, '之一') -> '133之一'."""
    return "%d%s" % (num, suffix or "")


def art_sort_key(aid):
    m = re.match(r"(\d+)(?:之(.+))?$", aid)
    if not m:
        return (10 ** 6, 0, aid)
    return (int(m.group(1)), cn2int(m.group(2)) if m.group(2) else 0, "")


# --------------------------------------------------------------------------
# Statute texts
# --------------------------------------------------------------------------

ART_RE = re.compile(r"^第([%s]+)\s*条(之[一二三四五六七八九十]+)?\s*(.*)$" % CN_NUM)
ITEM_RE = re.compile(r"^（[一二三四五六七八九十]+）")


class Article:
    def __init__(self, aid, part, chapter):
        self.id = aid
        self.part = part          # 总则 / 分则 / None
        self.chapter = chapter
        self.clauses = []         # list of clause texts (items joined into their clause)

    def text(self):
        return "".join(self.clauses)


def parse_statute(path):
    """Articles of a statute file: id -> Article, in file order."""
    arts = {}
    part = None
    chapter = None
    cur = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("#"):
            title = line.lstrip("#").strip()
            if line.startswith("## "):
                if "总则" in title:
                    part = "总则"
                elif "分则" in title:
                    part = "分则"
                elif title.startswith("附"):
                    part = None
                chapter = None
            elif line.startswith("### "):
                chapter = title
            cur = None
            continue
        m = ART_RE.match(line)
        if m:
            aid = art_id(cn2int(m.group(1)), m.group(2))
            cur = Article(aid, part, chapter)
            if aid not in arts:
                arts[aid] = cur
            cur.clauses.append(m.group(3).strip())
            continue
        if cur is None:
            continue
        if ITEM_RE.match(line) and cur.clauses:
            cur.clauses[-1] += line
        else:
            cur.clauses.append(line)
    return arts


# --------------------------------------------------------------------------
# Provisions: 第114条、第115条第1款 -> [('114', None, None), ('115', 1, None)]
# --------------------------------------------------------------------------

PROV_TOKEN = re.compile(r"第\s*([0-9%s]+)\s*(条|款|项)(之[一二三四五六七八九十]+)?" % CN_NUM)


def parse_provisions(text, notes):
    """Parse an article citation of a charge instrument.

    Returns a list of (article, clause, item) with clause/item None when absent.
    A 条 that directly follows another 条 (no 、 between) is read as 款: the
    1997 意见 writes 第371条第2条 for 第371条第2款.
    """
    out = []
    art = None
    prev_end = None
    prev_kind = None
    for m in PROV_TOKEN.finditer(text):
        n = cn2int(m.group(1))
        kind = m.group(2)
        if kind == "条" and prev_kind == "条" and prev_end == m.start():
            notes.append("第%s条第%d条 read as 第%d款" % (art, n, n))
            kind = "款"
        if kind == "条":
            art = art_id(n, m.group(3))
            out.append((art, None, None))
        elif kind == "款":
            if art is None:
                raise ValueError("款 without 条 in %r" % text)
            if out and out[-1] == (art, None, None):
                out[-1] = (art, n, None)
            else:
                out.append((art, n, None))
        else:  # 项
            if out and out[-1][0] == art and out[-1][2] is None:
                out[-1] = (out[-1][0], out[-1][1], n)
            else:
                out.append((art, None, n))
        prev_end = m.end()
        prev_kind = m.group(2)
    return out


def fmt_provisions(provs):
    parts = []
    for a, c, i in provs:
        s = a
        if c is not None:
            s += "-%d" % c
        if i is not None:
            s += "#%d" % i
        parts.append(s)
    return ";".join(parts)


def articles_of(provs):
    seen = []
    for a, _, _ in provs:
        if a not in seen:
            seen.append(a)
    return seen


# --------------------------------------------------------------------------
# Charge-name instruments
# --------------------------------------------------------------------------

# Misprints in the source texts of the instruments, corrected to the form in
# use.  The printed form is kept as an alias of kind "variant".
NAME_CORRECTIONS = {
    "为境外窃取、剌探、收买、非法提供军事秘密罪": "为境外窃取、刺探、收买、非法提供军事秘密罪",
    "伪造变造国家有价证券罪": "伪造、变造国家有价证券罪",
}


class Charge:
    def __init__(self, name, provs, source, order):
        self.name = name
        self.provs = provs
        self.status = "current"
        self.successors = []
        self.source = source
        self.changed_by = ""
        self.note = []
        self.order = order


def instrument_label(path):
    """A short label: 1997意见, 2002补充规定, 2003补充规定（二） …"""
    name = path.stem
    m = re.search(r"\((\d{4})-\d\d-\d\d\)$", name)
    year = m.group(1)
    if "意见" in name:
        return year + "意见"
    m2 = re.search(r"补充规定(（[一二三四五六七八九十]+）)?", name)
    return year + "补充规定" + (m2.group(1) or "")


def instrument_date(path):
    return re.search(r"\((\d{4}-\d\d-\d\d)\)$", path.stem).group(1)


def split_new_names(buf):
    """Names in a table cell: separated by whitespace after 罪, by ；, or by 罪、."""
    buf = buf.strip()
    if not buf:
        return []
    # whitespace separates names only after 罪; elsewhere it is a line-break artefact
    buf = re.sub(r"(?<=罪)\s+", "；", buf)
    buf = re.sub(r"\s+", "", buf)
    # 滥用职权罪、玩忽职守罪 — but not 间谍犯罪、恐怖主义犯罪 inside one name
    buf = re.sub(r"(?<!犯)罪、", "罪；", buf)
    names = [n for n in buf.split("；") if n]
    for n in names:
        if not n.endswith("罪"):
            raise ValueError("not a charge name: %r" % n)
    return names


def parse_abolished(inner):
    """取消枉法追诉、裁判罪 / 取消A罪和B罪罪名 / 取消刑法原第155条第3项走私固体废物罪罪名."""
    s = re.sub(r"\s+", "", inner)
    assert s.startswith("取消"), s
    s = s[2:]
    s = re.sub(r"^刑法原(第\d+[条款项])+", "", s)
    if s.endswith("罪名"):
        s = s[:-2]
    parts = s.split("罪和")
    names = [p + "罪" for p in parts[:-1]] + [parts[-1]]
    for n in names:
        if not n.endswith("罪"):
            raise ValueError("not a charge name: %r" % n)
    return names


def parse_name_cell(cell):
    """-> list of (new names, abolished names)."""
    entries = []
    names = []
    buf = ""
    i = 0
    while i < len(cell):
        if cell.startswith("（取消", i):
            depth = 0
            j = i
            while True:
                if cell[j] == "（":
                    depth += 1
                elif cell[j] == "）":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            names += split_new_names(buf)
            buf = ""
            entries.append((names, parse_abolished(cell[i + 1:j])))
            names = []
            i = j + 1
        elif cell.startswith("取消", i) and not buf.strip():
            entries.append(([], parse_abolished(cell[i:])))
            i = len(cell)
        else:
            buf += cell[i]
            i += 1
    names += split_new_names(buf)
    if names:
        entries.append((names, []))
    return entries


def parse_1997(path, notes):
    """Items `N．名称（第X条…）` of the 1997 意见, in order."""
    items = []
    text = path.read_text(encoding="utf-8")
    body = text.split("<!-- INFO END -->", 1)[1]
    tok_re = re.compile(r"^(?:(\d+)．)?(.+?罪)（(第.+)）$")
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "罪（第" not in line:
            continue
        for tok in line.split():
            m = tok_re.match(tok)
            if not m:
                raise ValueError("cannot read item %r in %s" % (tok, path.name))
            num = int(m.group(1)) if m.group(1) else None
            expected = items[-1][0] + 1 if items else 1
            if num is None:
                notes.append("1997意见: item %d (%s) has no number" % (expected, m.group(2)))
                num = expected
            if num != expected:
                raise ValueError("1997意见: item %d follows %d" % (num, expected - 1))
            items.append((num, m.group(2), m.group(3)))
    return items


def strip_article_cell(cell):
    """Drop the amendment reference （《刑法修正案（六）》第1条） from an article cell."""
    i = cell.find("（")
    if i >= 0:
        cell = cell[:i]
    return cell.strip()


def load_charges(law_dir, report):
    folder = law_dir / "charge-names"
    files = sorted(folder.glob("*.md"), key=lambda p: (instrument_date(p), p.name))
    state = {}
    order = [0]
    glitches = []
    implicit = []

    def new_charge(name, provs, src):
        order[0] += 1
        c = Charge(name, provs, src, order[0])
        state[name] = c
        return c

    def correct(name):
        if name in NAME_CORRECTIONS:
            glitches.append("%s printed as %s" % (NAME_CORRECTIONS[name], name))
            return NAME_CORRECTIONS[name], name
        return name, None

    variants = []  # (printed, corrected)
    for path in files:
        src = instrument_label(path)
        if "意见" in path.name:
            for num, name, arts in parse_1997(path, glitches):
                provs = parse_provisions(arts, glitches)
                name, printed = correct(name)
                if printed:
                    variants.append((printed, name))
                if name in state:
                    raise ValueError("duplicate name in 1997意见: " + name)
                new_charge(name, provs, src)
            continue
        text = path.read_text(encoding="utf-8")
        # plain-text renames: 罪名由“X”修改为“Y”
        for m in re.finditer(r"第([%s]+)条(?:（.*?》.*?）)?的罪名由“(.+?)”修改为“(.+?)”" % CN_NUM, text):
            provs = [(art_id(cn2int(m.group(1))), None, None)]
            old, new = m.group(2), m.group(3)
            apply_row(state, [(([new]), [old])], [provs], src, new_charge, implicit)
        prev_art_cell = None
        for line in text.splitlines():
            line = line.strip()
            if not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) < 2:
                continue
            art_cell, name_cell = cells[0], cells[1]
            if art_cell == "刑法条文" or (art_cell and set(art_cell) <= set("-")):
                continue
            if not art_cell:
                art_cell = prev_art_cell
                glitches.append("%s: row %s has no article; the previous row's is used" % (src, name_cell))
            prev_art_cell = art_cell
            note = ""
            if art_cell.startswith("《"):
                note = "《全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定》" + art_cell.split("》", 1)[1]
                groups = [[]]
            else:
                # groups separated by spaces pair with the names of the row;
                # a group without 条 (第3款) continues the article of the group before
                fixed = []
                last_art = None
                for g in strip_article_cell(art_cell).split():
                    if "条" not in g and last_art is not None:
                        g = "第%s条%s" % (last_art, g)
                    p = parse_provisions(g, glitches)
                    if not p:
                        raise ValueError("%s: cannot read article %r" % (src, art_cell))
                    last_art = p[-1][0]
                    fixed.append(p)
                groups = fixed
            entries = parse_name_cell(name_cell)
            apply_row(state, entries, groups, src, new_charge, implicit, note)
    return state, glitches, implicit, variants


def apply_row(state, entries, groups, src, new_charge, implicit, note=""):
    n_new = sum(len(n) for n, _ in entries)
    all_provs = [p for g in groups for p in g]
    k = 0
    for names, abolished in entries:
        new_provs = []
        for name in names:
            provs = groups[k] if len(groups) == n_new and n_new > 1 else all_provs
            k += 1
            new_provs.append(provs)
            if name in state:
                c = state[name]
                if provs:
                    c.provs = provs
                if c.status != "current":
                    c.status = "current"
                    c.successors = []
            else:
                if not abolished:
                    cands = [c for c in state.values()
                             if c.status == "current" and provs and c.provs == provs and c.source != src]
                    if len(cands) == 1:
                        old = cands[0]
                        old.status = "renamed"
                        old.successors = [name]
                        old.changed_by = src
                        old.note.append("superseded by %s (same provision) without an explicit 取消" % name)
                        implicit.append("%s: %s -> %s (%s)" % (src, old.name, name, fmt_provisions(provs)))
                c = new_charge(name, provs, src)
                if note:
                    c.note.append(note)
        for old in abolished:
            if old in state:
                c = state[old]
            else:
                provs = [p for np_ in new_provs for p in np_] or all_provs
                c = new_charge(old, provs, src)
                c.note.append("not in the 1997意见 (a name of the 1997 court regulation); its abolition is recorded by %s" % src)
            c.status = "renamed" if names else "abolished"
            c.successors = list(names)
            c.changed_by = src


def resolve(state, name, seen=None):
    """Current names a (possibly renamed) name leads to."""
    seen = seen or set()
    if name in seen:
        return []
    seen.add(name)
    c = state[name]
    if c.status == "current":
        return [name]
    out = []
    for s in c.successors:
        for r in resolve(state, s, seen):
            if r not in out:
                out.append(r)
    return out


# --------------------------------------------------------------------------
# Selective charge names: split 走私、贩卖、运输、制造毒品罪 into its components
# --------------------------------------------------------------------------

def load_selective_rules():
    verbs, nosplit, keepobj, modifiers = set(), set(), set(), []
    for lineno, line in read_tsv(SRC / "selective_rules.tsv"):
        if len(line) < 2:
            raise ValueError("selective_rules.tsv:%d: expected kind, value" % lineno)
        kind, value = line[0], line[1]
        if kind == "kind":
            continue
        if kind == "verb":
            verbs.add(value)
        elif kind == "nosplit":
            nosplit.add(value)
        elif kind == "keepobj":
            keepobj.add(value)
        elif kind == "modifier":
            modifiers.append(value)
        else:
            raise ValueError("selective_rules.tsv:%d: unknown kind %r" % (lineno, kind))
    modifiers.sort(key=lambda m: (-len(m), m))
    return verbs, nosplit, keepobj, modifiers


def subsets(items, limit):
    """Non-empty order-preserving subsets; all of them up to `limit` items, else singles + whole."""
    n = len(items)
    if n <= limit:
        out = []
        for mask in range(1, 1 << n):
            out.append([items[i] for i in range(n) if mask >> i & 1])
        out.sort(key=lambda s: (len(s), [items.index(x) for x in s]))
        return out
    return [[x] for x in items] + [list(items)]


def verb_at(item, pos, verbs):
    """The longest lexicon verb starting at `pos` of `item`, or None."""
    best = None
    for v in verbs:
        if item.startswith(v, pos) and (best is None or len(v) > len(best)):
            best = v
    return best


def first_verb(item, verbs):
    """(prefix, verb, rest) for the first verb of `item`: 过失损坏广播电视设施 -> (过失, 损坏, 广播电视设施)."""
    for pos in range(len(item)):
        v = verb_at(item, pos, verbs)
        if v is not None:
            return item[:pos], v, item[pos + len(v):]
    return None


def selective_components(name, rules):
    """Component names of a selective charge name (the name itself excluded).

    The name is read as  prefix + V1、V2…Vm + O1、O2…On + 罪  where the Vi are
    verbs of the lexicon (dictionaries/src/selective_rules.tsv): 非法持有、私藏
    枪支、弹药罪 gives 非法持有枪支罪, 私藏弹药罪, 非法持有、私藏枪支罪 …  Names the
    rule cannot read are listed there as `nosplit` (their components, where
    courts use them, are hand-listed in aliases_manual.tsv).
    """
    verbs, nosplit, keepobj, modifiers = rules
    if "、" not in name or name in nosplit:
        return []
    stem = name[:-1]
    protected = stem
    for i, mod in enumerate(modifiers):
        if "、" in mod:
            protected = protected.replace(mod, "\x00%d\x00" % i)
    items = [re.sub(r"\x00(\d+)\x00", lambda m: modifiers[int(m.group(1))], x)
             for x in protected.split("、")]
    fv = first_verb(items[0], verbs)
    vlist = olist = None
    prefix = ""
    if fv is not None:
        prefix, v0, rest = fv
        vlist = [v0]
        if rest:
            olist = [rest] + items[1:]
        else:
            for j in range(1, len(items)):
                it = items[j]
                if it in verbs:
                    vlist.append(it)
                    continue
                v = verb_at(it, 0, verbs)
                if v is None:
                    vlist = None
                    break
                vlist.append(v)
                olist = [it[len(v):]] + items[j + 1:]
                break
            if vlist is not None and olist is None:
                olist = [""]
    if vlist is None:
        # independent phrases (内幕交易、泄露内幕信息罪): each one is a component
        if all(len(x) >= 3 for x in items) and all(verb_at(x, 0, verbs) for x in items[1:]):
            return ["、".join(sub) + "罪" for sub in subsets(items, 3) if len(sub) < len(items)]
        return []
    omod = ""
    if len(olist) > 1:
        for mod in modifiers:
            if olist[0].startswith(mod) and len(olist[0]) > len(mod) and \
                    not any(o.startswith(mod) for o in olist[1:]):
                omod = mod
                break
    objs = [olist[0][len(omod):]] + olist[1:] if omod else olist
    if name in keepobj:
        objs = ["、".join(objs)]
    out = []
    for vs in subsets(vlist, 4):
        for os_ in subsets(objs, 3):
            if len(vs) == len(vlist) and len(os_) == len(objs):
                continue
            out.append(prefix + "、".join(vs) + omod + "、".join(os_) + "罪")
    return out


# --------------------------------------------------------------------------
# Penalty tiers
# --------------------------------------------------------------------------

NUM = "[一二三四五六七八九十]+"
PEN_START = re.compile(
    r"(?<![判并单])处(?=(?:%s年|%s个月|拘役|管制|死刑|无期徒刑|罚金|剥夺政治权利|有期徒刑))" % (NUM, NUM))
TERM_RE = re.compile(
    r"^(?:(?P<a>%s)(?P<au>年|个月)(?P<ak>以上|以下)?)?(?:(?P<b>%s)(?P<bu>年|个月)以下)?有期徒刑$" % (NUM, NUM))
KEYWORD_RE = re.compile(
    r"尚未造成严重后果|(?:特别)?重大损失|"
    r"(?:数额|数量|情节|后果|损失|违法所得数额|销售金额)(?:特别)?(?:较大|巨大|严重|恶劣|较轻|轻微|重大)"
    r"|(?:其他)?(?:特别)?(?:较重|严重|恶劣|较轻|轻微)情节"
    r"|(?:特别)?(?:严重|恶劣)后果"
    r"|致(?:人)?(?:重伤|死亡)(?:、死亡)?"
    r"|有下列情形之一")
UNIT_PREFIX = re.compile(r"对单位判处罚金，并对其?直接负责的主管人员和其他直接责任人员，")
UNIT_ONLY = re.compile(r"^(?:单位犯|单位有)")
REF_RE = re.compile(
    r"依照(前款|前两款|前三款|第([一二三四五六七八九十]+)款|本法第([%s]+)条(之[一二三四五六七八九十]+)?)的?规定(?:从重|酌情)?处罚" % CN_NUM)


def months(n, unit):
    return cn2int(n) * (12 if unit == "年" else 1)


class Tier:
    def __init__(self):
        self.condition = ""
        self.min = None
        self.max = None
        self.allows = []
        self.fine = "none"
        self.confiscation = "none"
        self.via = ""


ALLOW_ORDER = ["管制", "拘役", "有期徒刑", "无期徒刑", "死刑", "剥夺政治权利", "罚金"]


def parse_penalty(phrase, warnings, where):
    """'处三年以下有期徒刑、拘役或者管制，并处或者单处罚金' -> Tier."""
    t = Tier()
    parts = phrase.split("，")
    principal = parts[0][1:]
    allows = set()
    for tok in re.split(r"、|或者", principal):
        if not tok:
            continue
        m = TERM_RE.match(tok)
        if m:
            allows.add("有期徒刑")
            a = months(m.group("a"), m.group("au")) if m.group("a") else None
            b = months(m.group("b"), m.group("bu")) if m.group("b") else None
            if a is not None and m.group("ak") == "以上":
                lo, hi = a, (b if b is not None else 180)
            elif a is not None and m.group("ak") == "以下":
                lo, hi = 6, a
            elif a is not None:
                lo, hi = a, a
            else:
                lo, hi = 6, 180
            t.min = lo if t.min is None else min(t.min, lo)
            t.max = hi if t.max is None else max(t.max, hi)
        elif tok in ("拘役", "管制", "无期徒刑", "死刑", "剥夺政治权利"):
            allows.add(tok)
        elif tok.endswith("罚金"):
            allows.add("罚金")
            t.fine = "optional"
        else:
            warnings.append("%s: cannot read penalty %r in %r" % (where, tok, phrase))
    for extra in parts[1:]:
        optional = extra.startswith("可以")
        alone = "单处" in extra
        has_fine = "罚金" in extra
        has_conf = "没收财产" in extra
        alt = has_fine and has_conf and re.search(r"罚金或者没收财产|没收财产或者罚金", extra) is not None
        if alone:
            allows.add("罚金")
        if has_fine:
            t.fine = "optional" if (optional or alone) else ("alternative" if alt else "mandatory")
        if has_conf:
            t.confiscation = "optional" if optional else ("alternative" if alt else "mandatory")
    t.allows = [a for a in ALLOW_ORDER if a in allows]
    return t


def penalty_phrases(text):
    """(start, end, condition segment) of each 处… phrase of a clause."""
    out = []
    pos = 0
    for m in PEN_START.finditer(text):
        if m.start() < pos:
            continue
        # principal up to the first ，；。： then continuations that add a fine / confiscation
        end = m.start()
        stop = re.compile(r"[，；。：]")
        s = stop.search(text, m.end())
        end = s.start() if s else len(text)
        while end < len(text) and text[end] == "，":
            rest = text[end + 1:]
            if re.match(r"(?:可以)?(?:并处|单处)", rest):
                s = stop.search(text, end + 1)
                end = s.start() if s else len(text)
            else:
                break
        out.append((m.start(), end, text[pos:m.start()]))
        pos = end
    return out


def short_condition(seg, first=False):
    """A short label for the condition of a tier: the 情节/数额 keywords of the
    text before 处, else its first phrase (the offence, for the first tier) or
    its last phrase (情节严重的 …)."""
    seg = seg.strip("；，。：")
    kws = []
    for m in KEYWORD_RE.finditer(seg):
        k = m.group(0)
        if k not in kws:
            kws.append(k)
    if kws:
        return "、".join(kws)
    pieces = [p for p in re.split(r"[，；：]", seg) if p]
    if not pieces:
        return ""
    last = pieces[0] if first else pieces[-1]
    last = re.sub(r"^（[一二三四五六七八九十]+）", "", last)
    if last.endswith("的"):
        last = last[:-1]
    if len(last) > 24:
        last = last[:23] + "…"
    return last


def build_penalties(statute, warnings):
    """{(article, clause): [Tier]} for the articles of 分则."""
    tiers = {}
    n_clauses = {}
    refs = []
    arts = [a for a in statute.values() if a.part == "分则"]
    for a in arts:
        n_clauses[a.id] = len(a.clauses)
        for ci, clause in enumerate(a.clauses, 1):
            text = clause
            unit = False
            if UNIT_PREFIX.search(text):
                text = UNIT_PREFIX.sub("", text)
                unit = True
            found = []
            for start, end, seg in penalty_phrases(text):
                t = parse_penalty(text[start:end], warnings, "%s-%d" % (a.id, ci))
                t.condition = short_condition(seg, first=not found)
                if unit:
                    t.condition = ("单位犯罪的直接责任人员" + ("：" + t.condition if t.condition else ""))
                found.append(t)
            if found:
                tiers[(a.id, ci)] = found
                continue
            if UNIT_ONLY.match(clause):
                continue
            for m in REF_RE.finditer(clause):
                if m.group(1) == "前款":
                    targets = [(a.id, ci - 1)]
                elif m.group(1) == "前两款":
                    targets = [(a.id, ci - 2), (a.id, ci - 1)]
                elif m.group(1) == "前三款":
                    targets = [(a.id, ci - 3), (a.id, ci - 2), (a.id, ci - 1)]
                elif m.group(2):
                    targets = [(a.id, cn2int(m.group(2)))]
                else:
                    targets = [(art_id(cn2int(m.group(3)), m.group(4)), None)]
                refs.append(((a.id, ci), targets, short_condition(clause[:m.start()])))
                break
    # resolve references (a clause may refer to a clause that itself refers on)
    for _ in range(4):
        for (key, targets, cond) in refs:
            if key in tiers:
                continue
            got = []
            ok = True
            for (ta, tc) in targets:
                if tc is None:
                    keys = sorted((k for k in tiers if k[0] == ta), key=lambda k: k[1])
                    if not keys:
                        ok = False
                    for k in keys:
                        got.extend((k, t) for t in tiers[k])
                elif (ta, tc) in tiers:
                    got.extend(((ta, tc), t) for t in tiers[(ta, tc)])
                else:
                    ok = False
            if ok and got:
                out = []
                for (k, t) in got:
                    c = Tier()
                    c.__dict__.update(t.__dict__)
                    c.via = "%s-%d" % k if n_clauses.get(k[0], 1) > 1 else k[0]
                    c.condition = t.condition
                    out.append(c)
                tiers[key] = out
    return tiers, n_clauses, arts


# --------------------------------------------------------------------------
# TSV helpers
# --------------------------------------------------------------------------

def read_tsv(path):
    """Rows of a curated TSV: skip blank lines and # comments; yields (lineno, fields)."""
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        yield i, line.split("\t")


def write_tsv(path, header, rows, comment):
    def clean(v):
        v = "" if v is None else str(v)
        if "\t" in v or "\n" in v:
            raise ValueError("tab or newline in field %r" % v)
        return v
    lines = ["# " + c for c in comment]
    lines.append("\t".join(header))
    for r in rows:
        lines.append("\t".join(clean(v) for v in r))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# Checks of the curated files against the statute
# --------------------------------------------------------------------------

LAW_FILES = {
    "刑法": "criminal-law.md",
    "刑事诉讼法": "criminal-procedure-law-2018.md",
    "公安机关办理刑事案件程序规定": "procedure-rules/公安机关办理刑事案件程序规定(2020-07-20).md",
    "人民检察院刑事诉讼规则": "procedure-rules/人民检察院刑事诉讼规则(2019-12-02).md",
    "最高人民法院关于适用刑事诉讼法的解释": "procedure-rules/最高人民法院关于适用《刑事诉讼法》的解释(2021-01-26).md",
}


def check_curated(law_dir, statutes, errors):
    def statute(law):
        if law not in statutes:
            statutes[law] = parse_statute(law_dir / LAW_FILES[law])
        return statutes[law]

    def check(fname, lineno, law, article, clause, evidence):
        if not law or not article:
            return
        if law not in LAW_FILES:
            errors.append("%s:%d: unknown law %r" % (fname, lineno, law))
            return
        arts = statute(law)
        if article not in arts:
            errors.append("%s:%d: %s has no article %s" % (fname, lineno, law, article))
            return
        a = arts[article]
        if clause:
            c = int(clause)
            if c > len(a.clauses):
                errors.append("%s:%d: %s第%s条 has no clause %s" % (fname, lineno, law, article, clause))
                return
            text = a.clauses[c - 1]
        else:
            text = a.text()
        for ev in [e for e in evidence.split("|") if e]:
            if ev not in text:
                errors.append("%s:%d: %s第%s条%s does not say %r" % (
                    fname, lineno, law, article, ("第%s款" % clause) if clause else "", ev))

    path = HERE / "deadlines.tsv"
    n = 0
    header = None
    for lineno, f in read_tsv(path):
        if header is None:
            header = f
            continue
        row = dict(zip(header, f))
        check("deadlines.tsv", lineno, row.get("law"), row.get("article"), row.get("clause"), row.get("evidence", ""))
        n += 1
    path = HERE / "circumstances.tsv"
    header = None
    m = 0
    for lineno, f in read_tsv(path):
        if header is None:
            header = f
            continue
        row = dict(zip(header, f))
        check("circumstances.tsv", lineno, row.get("law"), row.get("article"), row.get("clause"), row.get("evidence", ""))
        m += 1
    return n, m


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

AMENDED_RE = re.compile(r"刑法第([一二三四五六七八九十百零]+)条(之[一二三四五六七八九十]+)?(?:第[一二三四五六七八九十]+款)?(?:中的[^。：]{0,60}?)?修改为")
EFFECTIVE_RE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
PROMULGATED_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def build_amendments(law_dir):
    """(article, amendment, effective date) for every article an amendment rewrote."""
    rows = []
    for path in sorted((law_dir / "criminal-law-amendments").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        m = EFFECTIVE_RE.search(text)
        if not m or "自公布之日起施行" in text[m.start() - 20:m.start()]:
            m = PROMULGATED_RE.search(text)
        if not m:
            continue
        effective = "%04d-%02d-%02d" % tuple(int(g) for g in m.groups())
        name = path.stem.split("(")[0]
        seen = set()
        for a in AMENDED_RE.finditer(text):
            art = art_id(cn2int(a.group(1)), a.group(2) or "")
            if art not in seen:
                seen.add(art)
                rows.append((art, name, effective))
    rows.sort(key=lambda r: (art_sort_key(r[0]), r[2]))
    return rows


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    law_dir = Path(argv[1])
    out_dir = Path(argv[2]) if len(argv) > 2 else HERE
    out_dir.mkdir(parents=True, exist_ok=True)
    log = []
    errors = []

    statute = parse_statute(law_dir / "criminal-law.md")

    # ---- amendments: which articles were rewritten, and since when
    amendments = build_amendments(law_dir)
    write_tsv(out_dir / "amendments.tsv", ["article", "amendment", "effective"], amendments,
              ["Generated by dictionaries/generate.py from the amendment instruments; do not edit.",
               "One row per article an amendment rewrote (修改为), with the date the rewrite took effect:",
               "statutory data of the current text applies to offences from that date on."])
    state, glitches, implicit, variants = load_charges(law_dir, log)

    # ---- charges
    penalties, n_clauses, special_arts = build_penalties(statute, log)
    tier_keys = set(penalties)

    charges = sorted(state.values(), key=lambda c: c.order)
    # clauses cited by a current charge: an article-level citation of another
    # charge does not take them (重大责任事故罪 第134条 vs 强令、组织他人违章冒险作业罪 第134条第2款)
    claimed = {}
    for c in charges:
        if c.status == "current":
            for a, cl, _ in c.provs:
                if cl is not None:
                    claimed.setdefault((a, cl), set()).add(c.name)

    def lcs_len(x, y):
        best = 0
        for i in range(len(x)):
            for j in range(i + best + 1, len(x) + 1):
                if x[i:j] in y:
                    best = j - i
                else:
                    break
        return best

    stale = []

    def own_penalty_provs(c):
        out = []
        for a, cl, _ in c.provs:
            keys = sorted((k for k in tier_keys if k[0] == a), key=lambda k: k[1])
            if not keys:
                continue
            if n_clauses.get(a, 1) == 1:
                out.append((a, None, None))
            elif cl is not None and (a, cl) in tier_keys:
                out.append((a, cl, None))
            elif cl is not None:
                # a 款 number of 1997 that later amendments moved: find the clause by its words
                words = c.name[:-1].replace("、", "")
                scored = sorted(((lcs_len(words, statute[a].clauses[k[1] - 1]), -k[1]) for k in keys), reverse=True)
                if scored and scored[0][0] >= 4:
                    k = -scored[0][1]
                    out.append((a, k, None))
                    stale.append("%s: 第%s条第%d款 is now clause %d" % (c.name, a, cl, k))
            else:
                own = [k for k in keys if not (claimed.get(k, set()) - {c.name})]
                for k in (own or keys):
                    out.append((a, k[1], None))
        return out

    penalty_provs = {}
    for c in charges:
        pp = own_penalty_provs(c)
        if not pp:
            # the penalty of 贪污罪, 受贿罪, 行贿罪 … is in a later article: 对犯受贿罪的，…
            hits = [a.id for a in special_arts
                    if ("犯" + c.name) in a.text() and any(k[0] == a.id for k in tier_keys)]
            pp = [(h, None, None) for h in hits[:1]]
        penalty_provs[c.name] = pp

    rows = []
    for c in charges:
        succ = resolve(state, c.name) if c.status == "renamed" else []
        rows.append([c.name, ";".join(articles_of(c.provs)), fmt_provisions(c.provs), c.status,
                     ";".join(succ), c.source, c.changed_by, fmt_provisions(penalty_provs[c.name]),
                     "; ".join(c.note)])
    write_tsv(out_dir / "charges.tsv",
              ["name", "articles", "provisions", "status", "replaced_by", "source", "changed_by",
               "penalty_provisions", "note"], rows,
              ["Generated by dictionaries/generate.py from the charge-name instruments; do not edit.",
               "Columns are documented in dictionaries/README.md."])
    n_cur = sum(1 for c in charges if c.status == "current")
    n_ren = sum(1 for c in charges if c.status == "renamed")
    n_abo = sum(1 for c in charges if c.status == "abolished")

    # ---- aliases
    rules = load_selective_rules()
    official = {c.name: c for c in charges}
    current = [c for c in charges if c.status == "current"]
    alias = {}      # form -> (official, kind, note)
    conflicts = {}

    def add_alias(form, target, kind, note=""):
        if form in official:
            return
        if form in alias and alias[form][0] != target:
            conflicts.setdefault(form, set()).update([alias[form][0], target])
            return
        if form not in alias:
            alias[form] = (target, kind, note)

    manual = []
    for lineno, f in read_tsv(SRC / "aliases_manual.tsv"):
        if f[0] == "alias":
            continue
        if len(f) < 3:
            raise ValueError("aliases_manual.tsv:%d: expected alias, official, kind" % lineno)
        form, target, kind = f[0], f[1], f[2]
        note = f[3] if len(f) > 3 else ""
        if target not in official:
            raise ValueError("aliases_manual.tsv:%d: %s is not a charge name" % (lineno, target))
        if official[target].status != "current":
            raise ValueError("aliases_manual.tsv:%d: %s is not current" % (lineno, target))
        if kind not in ("short", "old", "variant", "selective"):
            raise ValueError("aliases_manual.tsv:%d: bad kind %r" % (lineno, kind))
        manual.append((form, target, kind, note))
    for form, target, kind, note in manual:
        add_alias(form, target, kind, note)
    for printed, corrected in variants:
        add_alias(printed, resolve(state, corrected)[0] if len(resolve(state, corrected)) == 1 else corrected,
                  "variant", "misprint in the instrument")
    for c in current:
        for form in selective_components(c.name, rules):
            add_alias(form, c.name, "selective")
    # typing variants of the official names: 、 left out, half-width brackets
    for c in current:
        if "、" in c.name:
            add_alias(c.name.replace("、", ""), c.name, "variant", "、 omitted")
        if "（" in c.name:
            add_alias(c.name.replace("（", "(").replace("）", ")"), c.name, "variant", "half-width brackets")
    # a selective form with one 、 is also written without it (销售有毒有害食品罪)
    for form, (target, kind, _) in sorted(alias.items()):
        if kind == "selective" and form.count("、") == 1:
            add_alias(form.replace("、", ""), target, "variant", "、 omitted")
    for c in charges:
        if c.status != "renamed":
            continue
        succ = resolve(state, c.name)
        if len(succ) != 1:
            continue
        for form in selective_components(c.name, rules):
            add_alias(form, succ[0], "old", "component of %s" % c.name)
    for form in sorted(conflicts):
        alias.pop(form, None)
    order_of = {c.name: c.order for c in charges}
    arows = sorted(([f, t, k, n] for f, (t, k, n) in alias.items()),
                   key=lambda r: (order_of[r[1]], ["selective", "short", "old", "variant"].index(r[2]), len(r[0]), r[0]))
    write_tsv(out_dir / "charge_aliases.tsv", ["alias", "official", "kind", "note"], arows,
              ["Generated by dictionaries/generate.py (selective components by rule, short forms from",
               "dictionaries/src/aliases_manual.tsv); do not edit.  Renamed names are in charges.tsv."])

    # ---- penalties
    prow = []
    for key in sorted(penalties, key=lambda k: (art_sort_key(k[0]), k[1])):
        a, ci = key
        clause = str(ci) if n_clauses[a] > 1 else ""
        for i, t in enumerate(penalties[key], 1):
            prow.append([a, clause, i, t.condition,
                         "" if t.min is None else t.min, "" if t.max is None else t.max,
                         ",".join(t.allows), t.fine, t.confiscation, t.via])
    write_tsv(out_dir / "penalties.tsv",
              ["article", "clause", "tier", "condition", "min_months", "max_months", "allows", "fine",
               "confiscation", "via"], prow,
              ["Generated by dictionaries/generate.py from criminal-law.md (分则); do not edit.",
               "Columns are documented in dictionaries/README.md."])

    # ---- jieba user dictionary
    words = {}
    for c in charges:
        words.setdefault(c.name, (3000, "nz"))
    for f, (t, k, n) in alias.items():
        words.setdefault(f, (1000, "nz"))
    for lineno, f in read_tsv(SRC / "legal_terms.txt"):
        w = f[0].strip()
        tag = f[1].strip() if len(f) > 1 else "n"
        if " " in w:
            raise ValueError("legal_terms.txt:%d: space in %r" % (lineno, w))
        words.setdefault(w, (2000, tag))
    for lineno, f in read_tsv(HERE / "circumstances.tsv"):
        if f[0] == "tag":
            continue
        words.setdefault(f[0], (2000, "n"))
    # jieba only segments runs of Han characters and ASCII word characters: a word with 、 or
    # brackets can never be produced, so those are left out
    jieba_word = re.compile(r"^[\u4e00-\u9fd5a-zA-Z0-9]+$")
    lines = ["%s %d %s" % (w, fr, tag) for w, (fr, tag) in sorted(words.items(), key=lambda kv: (-kv[1][0], kv[0]))
             if jieba_word.match(w)]
    (out_dir / "legal_user_dict.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # ---- checks of the curated files
    statutes = {"刑法": statute}
    n_dead, n_circ = check_curated(law_dir, statutes, errors)

    # ---- report
    sp = [a for a in special_arts]
    with_tiers = sorted({k[0] for k in penalties}, key=art_sort_key)
    without = [a.id for a in sp if a.id not in set(with_tiers)]
    cur_without = [c.name for c in current if not penalty_provs[c.name]]
    r = sys.stderr
    print("charges: %d names (%d current, %d renamed, %d abolished)" % (len(charges), n_cur, n_ren, n_abo), file=r)
    for g in glitches:
        print("  source glitch handled: " + g, file=r)
    for i in implicit:
        print("  implicit rename: " + i, file=r)
    kinds = {}
    for f, (t, k, n) in alias.items():
        kinds[k] = kinds.get(k, 0) + 1
    print("aliases: %d (%s)" % (len(alias), ", ".join("%s %d" % kv for kv in sorted(kinds.items()))), file=r)
    for f in sorted(conflicts):
        print("  dropped ambiguous alias %s -> %s" % (f, " / ".join(sorted(conflicts[f]))), file=r)
    print("penalties: %d tiers; %d of %d articles of 分则 have tiers (%d clauses)" % (
        len(prow), len(with_tiers), len(sp), len(penalties)), file=r)
    print("  articles of 分则 without tiers: " + " ".join(without), file=r)
    print("  current charges with a statutory penalty: %d of %d; without: %s" % (
        n_cur - len(cur_without), n_cur, " ".join(cur_without)), file=r)
    for w in stale:
        print("  stale clause number: " + w, file=r)
    for w in log:
        print("  warning: " + w, file=r)
    print("curated: deadlines.tsv %d rows, circumstances.tsv %d rows checked against the statutes" % (n_dead, n_circ), file=r)
    for e in errors:
        print("ERROR: " + e, file=r)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
