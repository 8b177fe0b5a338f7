//! The content-stream interpreter: graphics and text state → positioned glyphs.

use super::cmap::Uni;
use super::doc::{Ctx, ObjKey};
use super::lexer::{Lexer, Token};
use super::objects::{get_array, get_dict, get_name, matrix, resolve_with_id};
use crate::{Error, Result};
use lopdf::{Dictionary, Object};

/// One glyph in device space (default user space of the page).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    /// Origin on the baseline (text rise ignored).
    pub x: f32,
    /// Origin on the baseline (text rise ignored).
    pub y: f32,
    /// Advance along the writing direction.
    pub w: f32,
    /// The em size in device units.
    pub size: f32,
    /// The character (`U+FFFD` when undecodable).
    pub ch: char,
    /// Writing direction: 0 right, 1 up, 2 left, 3 down.
    pub dir: u8,
}

/// An affine matrix `[a b c d e f]` as in PDF.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix {
    a: f32,
    b: f32,
    c: f32,
    d: f32,
    e: f32,
    f: f32,
}

impl Matrix {
    /// The identity.
    pub(crate) const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    fn from(m: [f32; 6]) -> Matrix {
        Matrix {
            a: m[0],
            b: m[1],
            c: m[2],
            d: m[3],
            e: m[4],
            f: m[5],
        }
    }

    /// `self × o`: apply `self`, then `o`.
    fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (
            x * self.a + y * self.c + self.e,
            x * self.b + y * self.d + self.f,
        )
    }

    fn vector(&self, x: f32, y: f32) -> (f32, f32) {
        (x * self.a + y * self.c, x * self.b + y * self.d)
    }

    /// Pre-multiplies a translation: `translate(tx, ty) × self`.
    fn translate(&mut self, tx: f32, ty: f32) {
        self.e += tx * self.a + ty * self.c;
        self.f += tx * self.b + ty * self.d;
    }
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: usize,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
}

#[derive(Debug)]
enum Operand<'a> {
    Num(f32),
    Name(&'a [u8]),
    Str(usize, usize),
    ArrOpen,
    ArrClose,
    /// A dictionary: its name-valued entries at the top level.
    Dict(Vec<(&'a [u8], &'a [u8])>),
    Other,
}

const MAX_GSTATE_STACK: usize = 4096;
const MAX_OPERANDS: usize = 8192;
/// Hard ceiling on Form XObject nesting, whatever the limits say (stack safety).
const MAX_FORM_NESTING: u32 = 256;

/// What one page's content produced.
#[derive(Debug, Default)]
pub(crate) struct PageGlyphs {
    /// The glyphs in content order.
    pub glyphs: Vec<Glyph>,
    /// Image XObjects and inline images drawn.
    pub images: usize,
}

/// Runs a page's content stream.
pub(crate) fn run_page<'d>(
    ctx: &mut Ctx<'d>,
    content: &[u8],
    resources: Option<&'d Dictionary>,
) -> Result<PageGlyphs> {
    let mut run = Interp {
        ctx,
        out: PageGlyphs::default(),
        gs: GState {
            ctm: Matrix::IDENTITY,
            font: 0,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
        },
        stack: Vec::new(),
        overflow_q: 0,
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        forms: Vec::new(),
        marked: Vec::new(),
        hidden: 0,
    };
    run.run(content, resources, 0)?;
    Ok(run.out)
}

struct Interp<'c, 'd> {
    ctx: &'c mut Ctx<'d>,
    out: PageGlyphs,
    gs: GState,
    stack: Vec<GState>,
    overflow_q: usize,
    tm: Matrix,
    tlm: Matrix,
    forms: Vec<ObjKey>,
    /// For each open marked-content sequence: whether it hides its text (pagination artifacts).
    marked: Vec<bool>,
    hidden: usize,
}

impl<'d> Interp<'_, 'd> {
    fn max_depth(&self) -> u32 {
        self.ctx.limits.max_depth.min(MAX_FORM_NESTING)
    }

    fn depth_error(&self, found: u64) -> Error {
        Error::Limit {
            source_name: self.ctx.source.clone(),
            limit: "max_depth",
            allowed: u64::from(self.max_depth()),
            found,
        }
    }

    fn run(&mut self, content: &[u8], resources: Option<&'d Dictionary>, depth: u32) -> Result<()> {
        let mut lexer = Lexer::new(content);
        let mut buf: Vec<u8> = Vec::new();
        let mut ops: Vec<Operand<'_>> = Vec::with_capacity(16);
        let mut arr_depth: u32 = 0;
        while let Some(tok) = lexer.next_token(&mut buf) {
            match tok {
                Token::Num(v) => ops.push(Operand::Num(v)),
                Token::Name(n) => ops.push(Operand::Name(n)),
                Token::Str(s, e) => ops.push(Operand::Str(s, e)),
                Token::ArrayOpen => {
                    arr_depth += 1;
                    if arr_depth > self.max_depth() {
                        return Err(self.depth_error(u64::from(arr_depth)));
                    }
                    ops.push(Operand::ArrOpen);
                }
                Token::ArrayClose => {
                    arr_depth = arr_depth.saturating_sub(1);
                    ops.push(Operand::ArrClose);
                }
                Token::DictOpen => {
                    let d = self.read_dict(&mut lexer, &mut buf)?;
                    ops.push(Operand::Dict(d));
                }
                Token::DictClose => {}
                Token::Keyword(b"true" | b"false" | b"null") => ops.push(Operand::Other),
                Token::Keyword(k) => {
                    arr_depth = 0;
                    if k == b"BI" {
                        self.out.images += 1;
                        skip_inline_image(&mut lexer, &mut buf);
                    } else {
                        self.op(k, &ops, &buf, resources, depth)?;
                    }
                    ops.clear();
                    buf.clear();
                }
            }
            if ops.len() > MAX_OPERANDS {
                ops.clear();
                buf.clear();
            }
        }
        Ok(())
    }

    /// Reads a dictionary in content (after `<<`), keeping its top-level name entries.
    fn read_dict<'a>(
        &self,
        lexer: &mut Lexer<'a>,
        buf: &mut Vec<u8>,
    ) -> Result<Vec<(&'a [u8], &'a [u8])>> {
        let mut depth: u32 = 1;
        let mut pairs = Vec::new();
        let mut key: Option<&'a [u8]> = None;
        let mut expect_key = true;
        while let Some(tok) = lexer.next_token(buf) {
            match tok {
                Token::DictOpen | Token::ArrayOpen => {
                    depth += 1;
                    if depth > self.max_depth() {
                        return Err(self.depth_error(u64::from(depth)));
                    }
                    if depth == 2 {
                        expect_key = true;
                        key = None;
                    }
                }
                Token::DictClose | Token::ArrayClose => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Token::Name(n) if depth == 1 => {
                    if expect_key {
                        key = Some(n);
                        expect_key = false;
                    } else {
                        if let (Some(k), true) = (key.take(), pairs.len() < 32) {
                            pairs.push((k, n));
                        }
                        expect_key = true;
                    }
                }
                _ if depth == 1 => {
                    key = None;
                    expect_key = true;
                }
                _ => {}
            }
        }
        Ok(pairs)
    }

    fn op(
        &mut self,
        k: &[u8],
        ops: &[Operand<'_>],
        buf: &[u8],
        resources: Option<&'d Dictionary>,
        depth: u32,
    ) -> Result<()> {
        match k {
            b"q" => {
                if self.stack.len() < MAX_GSTATE_STACK {
                    self.stack.push(self.gs.clone());
                } else {
                    self.overflow_q += 1;
                }
            }
            b"Q" => {
                if self.overflow_q > 0 {
                    self.overflow_q -= 1;
                } else if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" => {
                if let Some(m) = nums::<6>(ops) {
                    self.gs.ctm = Matrix::from(m).then(&self.gs.ctm);
                }
            }
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"Tf" => {
                if let [.., Operand::Name(name), Operand::Num(size)] = ops {
                    self.gs.font = self.ctx.font(resources, name)?;
                    self.gs.size = *size;
                }
            }
            b"Tc" => set(ops, &mut self.gs.tc),
            b"Tw" => set(ops, &mut self.gs.tw),
            b"TL" => set(ops, &mut self.gs.tl),
            b"Tz" => {
                if let Some([v]) = nums::<1>(ops) {
                    self.gs.th = v / 100.0;
                }
            }
            b"Td" => {
                if let Some([tx, ty]) = nums::<2>(ops) {
                    self.next_line(tx, ty);
                }
            }
            b"TD" => {
                if let Some([tx, ty]) = nums::<2>(ops) {
                    self.gs.tl = -ty;
                    self.next_line(tx, ty);
                }
            }
            b"Tm" => {
                if let Some(m) = nums::<6>(ops) {
                    self.tm = Matrix::from(m);
                    self.tlm = self.tm;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.tl),
            b"Tj" => {
                if let Some(Operand::Str(s, e)) = ops.last() {
                    self.show(&buf[*s..*e]);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.tl);
                if let Some(Operand::Str(s, e)) = ops.last() {
                    self.show(&buf[*s..*e]);
                }
            }
            b"\"" => {
                if let [.., Operand::Num(aw), Operand::Num(ac), Operand::Str(s, e)] = ops {
                    self.gs.tw = *aw;
                    self.gs.tc = *ac;
                    self.next_line(0.0, -self.gs.tl);
                    self.show(&buf[*s..*e]);
                }
            }
            b"TJ" => {
                for o in ops {
                    match o {
                        Operand::Str(s, e) => self.show(&buf[*s..*e]),
                        Operand::Num(n) => self.adjust(*n),
                        _ => {}
                    }
                }
            }
            b"Do" => {
                if let Some(Operand::Name(name)) = ops.last() {
                    self.xobject(name, resources, depth)?;
                }
            }
            b"BMC" => self.begin_marked(false),
            b"BDC" => {
                let hide = match ops {
                    [.., Operand::Name(b"Artifact"), Operand::Dict(props)] => {
                        props.iter().any(|(k, v)| {
                            (*k == b"Type" && *v == b"Pagination")
                                || (*k == b"Subtype"
                                    && matches!(*v, b"Header" | b"Footer" | b"Watermark"))
                        })
                    }
                    _ => false,
                };
                self.begin_marked(hide);
            }
            b"EMC" => {
                if let Some(true) = self.marked.pop() {
                    self.hidden = self.hidden.saturating_sub(1);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn begin_marked(&mut self, hide: bool) {
        if self.marked.len() < MAX_GSTATE_STACK {
            self.marked.push(hide);
            if hide {
                self.hidden += 1;
            }
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm.translate(tx, ty);
        self.tm = self.tlm;
    }

    fn adjust(&mut self, n: f32) {
        let d = -n / 1000.0 * self.gs.size;
        let vertical = self.ctx.fonts.get(self.gs.font).is_some_and(|f| f.vertical);
        if vertical {
            self.tm.translate(0.0, d);
        } else {
            self.tm.translate(d * self.gs.th, 0.0);
        }
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.ctx.fonts.get(self.gs.font) else {
            return;
        };
        let stats = &mut self.ctx.stats;
        let size = self.gs.size;
        let th = self.gs.th;
        // The linear part of text space → device space is fixed during one string.
        let m0 = self.tm.then(&self.gs.ctm);
        let (ax, ay) = m0.vector(1.0, 0.0);
        let (vx, vy) = m0.vector(0.0, size);
        let em = vx.hypot(vy);
        let scale_x = ax.hypot(ay);
        let (ux, uy) = if scale_x > 0.0 {
            (ax / scale_x, ay / scale_x)
        } else {
            (1.0, 0.0)
        };
        let dir = if ax.abs() >= ay.abs() {
            if ax >= 0.0 {
                0
            } else {
                2
            }
        } else if ay > 0.0 {
            1
        } else {
            3
        };
        let mut i = 0;
        while i < bytes.len() {
            let code = font.next_code(&bytes[i..]);
            i += code.len.max(1);
            let (x, y) = self.tm.then(&self.gs.ctm).point(0.0, 0.0);
            let w = code.width * size * th * scale_x;
            stats.glyphs += 1;
            if code.text.is_none() {
                stats.undecodable += 1;
                *stats
                    .undecodable_by_font
                    .entry(self.gs.font as u32)
                    .or_insert(0) += 1;
            }
            if self.hidden == 0 && em > 0.1 && x.is_finite() && y.is_finite() && w.is_finite() {
                let mut push = |ch: char, k: f32, n: f32| {
                    let off = w * k / n;
                    self.out.glyphs.push(Glyph {
                        x: x + ux * off,
                        y: y + uy * off,
                        w: w / n,
                        size: em,
                        ch,
                        dir,
                    });
                };
                match &code.text {
                    None => push('\u{FFFD}', 0.0, 1.0),
                    Some(Uni::One(c)) => push(*c, 0.0, 1.0),
                    Some(Uni::Many(s)) => {
                        let n = s.chars().count().max(1) as f32;
                        for (k, c) in s.chars().enumerate() {
                            push(c, k as f32, n);
                        }
                    }
                }
            }
            if font.vertical {
                self.tm.translate(0.0, -size + self.gs.tc);
            } else {
                let mut tx = code.width * size + self.gs.tc;
                if code.len == 1 && code.code == 32 {
                    tx += self.gs.tw;
                }
                self.tm.translate(tx * th, 0.0);
            }
        }
    }

    fn xobject(
        &mut self,
        name: &[u8],
        resources: Option<&'d Dictionary>,
        depth: u32,
    ) -> Result<()> {
        let doc = self.ctx.doc;
        let found = resources
            .and_then(|r| get_dict(doc, r, b"XObject"))
            .and_then(|x| x.get(name).ok())
            .and_then(|o| resolve_with_id(doc, o));
        let Some((id, Object::Stream(stream))) = found else {
            return Ok(());
        };
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Form") => {}
            Some(b"Image") => {
                self.out.images += 1;
                return Ok(());
            }
            _ => return Ok(()),
        }
        let key = ObjKey::of(id, stream);
        if self.forms.contains(&key) {
            self.ctx
                .warn("circular Form XObject reference skipped".to_string());
            return Ok(());
        }
        if depth + 1 > self.max_depth() {
            return Err(self.depth_error(u64::from(depth) + 1));
        }
        let Some(data) = self.ctx.form_content(key, stream)? else {
            return Ok(());
        };
        let m = get_array(doc, &stream.dict, b"Matrix")
            .and_then(|a| matrix(doc, a))
            .map_or(Matrix::IDENTITY, Matrix::from);
        let res = get_dict(doc, &stream.dict, b"Resources").or(resources);
        let saved = (
            self.gs.clone(),
            self.tm,
            self.tlm,
            self.stack.len(),
            self.overflow_q,
        );
        self.gs.ctm = m.then(&self.gs.ctm);
        self.forms.push(key);
        let result = self.run(&data, res, depth + 1);
        self.forms.pop();
        (self.gs, self.tm, self.tlm) = (saved.0, saved.1, saved.2);
        self.stack.truncate(saved.3);
        self.overflow_q = saved.4;
        result
    }
}

/// The last `N` operands as numbers.
fn nums<const N: usize>(ops: &[Operand<'_>]) -> Option<[f32; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0f32; N];
    for (slot, o) in out.iter_mut().zip(&ops[ops.len() - N..]) {
        match o {
            Operand::Num(v) if v.is_finite() => *slot = *v,
            _ => return None,
        }
    }
    Some(out)
}

fn set(ops: &[Operand<'_>], slot: &mut f32) {
    if let Some([v]) = nums::<1>(ops) {
        *slot = v;
    }
}

/// Skips an inline image: its dictionary up to `ID`, then its data up to `EI`.
fn skip_inline_image(lexer: &mut Lexer<'_>, buf: &mut Vec<u8>) {
    while let Some(tok) = lexer.next_token(buf) {
        if tok == Token::Keyword(b"ID") {
            lexer.skip_inline_image_data();
            return;
        }
        if tok == Token::Keyword(b"EI") {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_product() {
        let a = Matrix::from([2.0, 0.0, 0.0, 2.0, 10.0, 0.0]);
        let b = Matrix::from([1.0, 0.0, 0.0, -1.0, 0.0, 100.0]);
        let m = a.then(&b);
        assert_eq!(m.point(1.0, 1.0), (12.0, 98.0));
        let mut t = Matrix::IDENTITY;
        t.translate(5.0, 0.0);
        assert_eq!(t.then(&a).point(0.0, 0.0), (20.0, 0.0));
    }
}
