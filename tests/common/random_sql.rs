//! Random MySQL expressions for the translation tests: numbers over `a` (int), `b`
//! (decimal), `d` (double), conditions (with `flag`, a tinyint(1)) and text over
//! `c` (varchar), from a seeded generator, so a failure is reproduced by its seed.
//! They compare numbers only (a text comparison follows the column's collation).

/// A small deterministic generator of random numbers (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// A random MySQL numeric expression over `a` (int), `b` (decimal), `d` (double)
/// and the text and condition forms below, `depth` levels deep at most.
pub fn random_number(r: &mut Rng, depth: u32) -> String {
    if depth == 0 || r.below(4) == 0 {
        return match r.below(6) {
            0 | 1 => "`a`".into(),
            2 => "`b`".into(),
            3 => "`d`".into(),
            4 => r.pick(&["0", "1", "2", "3", "7", "-4", "100"]).into(),
            _ => r.pick(&["1.5", "0.25", "-2.75", "2e0"]).into(),
        };
    }
    let mut n = || random_number(r, depth - 1);
    let (x, y) = (n(), n());
    let k = r.pick(&["0", "1", "2"]);
    match r.below(24) {
        0 => format!("({x} + {y})"),
        1 => format!("({x} - {y})"),
        2 => format!("({x} * {y})"),
        3 => format!("({x} DIV {y})"),
        4 => format!("({x} % {y})"),
        5 => format!("({x} / {y})"),
        6 => format!("abs({x})"),
        7 => format!("round({x})"),
        8 => format!("round({x}, {k})"),
        9 => format!("truncate({x}, {k})"),
        10 => format!("ceil({x})"),
        11 => format!("floor({x})"),
        12 => format!("greatest({x}, {y})"),
        13 => format!("least({x}, {y})"),
        14 => format!("nullif({x}, {y})"),
        15 => format!("ifnull({x}, {y})"),
        16 => format!("coalesce({x}, {y}, 0)"),
        17 => format!("if({}, {x}, {y})", random_condition(r, depth - 1)),
        18 => format!(
            "case when {} then {x} else {y} end",
            random_condition(r, depth - 1)
        ),
        19 => format!("case {x} when 1 then {y} when 2 then 5 else 0 end"),
        20 => format!("-{x}"),
        21 => format!("mod({x}, {y})"),
        22 => format!("char_length({})", random_text(r, depth - 1)),
        _ => format!("({})", random_condition(r, depth - 1)),
    }
}

pub fn random_condition(r: &mut Rng, depth: u32) -> String {
    let n = |r: &mut Rng| random_number(r, depth.saturating_sub(1));
    match r.below(9) {
        0 => "`flag`".into(),
        1 => format!("{} between {} and {}", n(r), n(r), n(r)),
        2 => format!("{} in (1, 2, {})", n(r), n(r)),
        3 => format!("{} is null", n(r)),
        4 => format!("{} <=> {}", n(r), n(r)),
        5 if depth > 0 => format!("not ({})", random_condition(r, depth - 1)),
        6 if depth > 0 => format!(
            "({}) and ({})",
            random_condition(r, depth - 1),
            random_condition(r, depth - 1)
        ),
        7 if depth > 0 => format!(
            "({}) or ({})",
            random_condition(r, depth - 1),
            random_condition(r, depth - 1)
        ),
        _ => {
            let op = r.pick(&["=", "<>", "<", "<=", ">", ">=", "!="]);
            format!("{} {op} {}", n(r), n(r))
        }
    }
}

pub fn random_text(r: &mut Rng, depth: u32) -> String {
    if depth == 0 || r.below(4) == 0 {
        return match r.below(3) {
            0 | 1 => "`c`".into(),
            _ => r.pick(&["'x'", "' pad '", "'Émile'", "''"]).into(),
        };
    }
    let t = random_text(r, depth - 1);
    match r.below(13) {
        0 => format!("concat({t}, {})", random_text(r, depth - 1)),
        1 => format!("concat({t}, {})", random_number(r, depth - 1)),
        2 => format!("upper({t})"),
        3 => format!("lower({t})"),
        4 => format!("substr({t}, 2, 3)"),
        5 => format!("left({t}, 2)"),
        6 => format!("right({t}, 3)"),
        7 => format!("trim({t})"),
        8 => format!("reverse({t})"),
        9 => format!("replace({t}, 'i', 'I')"),
        10 => format!("repeat({t}, 2)"),
        11 => format!("ifnull({t}, 'n')"),
        _ => format!(
            "if({}, {t}, {})",
            random_condition(r, depth - 1),
            random_text(r, depth - 1)
        ),
    }
}

/// The seeds to run: `DUMPFIX_GEN_SEEDS` as `N` (seeds 1 to N) or `A-B`; 1 to 10
/// when unset.
pub fn seeds() -> std::ops::RangeInclusive<u64> {
    let v = std::env::var("DUMPFIX_GEN_SEEDS").unwrap_or_default();
    let n = |x: &str| x.trim().parse::<u64>().ok();
    match v.split_once('-') {
        Some((a, b)) => n(a).unwrap_or(1)..=n(b).unwrap_or(10),
        None => 1..=n(&v).unwrap_or(10),
    }
}

/// A random date or time expression over `dt` (date), `ts` (datetime) and `a`
/// (int): a number, a date, a datetime or text.
pub fn random_date(r: &mut Rng, depth: u32) -> String {
    let unit = r.pick(&["DAY", "MONTH", "YEAR", "WEEK", "HOUR", "MINUTE", "SECOND"]);
    let n = r.pick(&["1", "-1", "31", "12", "`a`"]);
    let d = random_date_value(r, depth);
    match r.below(14) {
        0 => format!(
            "{}({d})",
            r.pick(&["year", "month", "day", "dayofmonth", "quarter", "dayofyear"])
        ),
        1 => format!("{}({d})", r.pick(&["hour", "minute", "second"])),
        2 => format!("{}({d})", r.pick(&["dayofweek", "weekday", "to_days"])),
        3 => format!("datediff({d}, {})", random_date_value(r, depth)),
        4 => format!(
            "extract({} from {d})",
            r.pick(&["year", "month", "day", "hour", "minute", "second", "quarter"])
        ),
        5 => {
            let mut f = String::new();
            for _ in 0..r.below(4) + 1 {
                f.push_str(r.pick(&[
                    "%Y", "%y", "%m", "%c", "%d", "%e", "%H", "%k", "%h", "%I", "%l", "%i", "%s",
                    "%S", "%p", "%j", "%M", "%b", "%W", "%a", "%T", "%r", "%f", "-", " ", ":", "/",
                    "x", "%%",
                ]));
            }
            format!("date_format({d}, '{f}')")
        }
        6 => format!(
            "{d} {} {}",
            r.pick(&["=", "<", ">=", "<>"]),
            random_date_value(r, depth)
        ),
        7 => format!(
            "{d} between '2000-01-01' and {}",
            random_date_value(r, depth)
        ),
        8 => format!("concat({d})"),
        9 => format!("{d} is null"),
        10 => format!("date_add({d}, interval {n} {unit})"),
        11 => format!("date_sub({d}, interval {n} {unit})"),
        12 => format!("{d} + interval {n} {unit}"),
        _ => d,
    }
}

/// A random date or datetime value.
fn random_date_value(r: &mut Rng, depth: u32) -> String {
    if depth == 0 || r.below(3) == 0 {
        return r
            .pick(&[
                "`dt`",
                "`ts`",
                "`dt`",
                "`ts`",
                "'2020-03-01'",
                "'2021-12-31 23:00:00'",
            ])
            .into();
    }
    let d = random_date_value(r, depth - 1);
    let unit = r.pick(&["DAY", "MONTH", "YEAR", "HOUR"]);
    let n = r.pick(&["1", "-2", "`a`"]);
    match r.below(5) {
        0 => format!("date({d})"),
        1 => format!("cast({d} as date)"),
        2 => format!("cast({d} as datetime)"),
        3 => format!("date_add({d}, interval {n} {unit})"),
        _ => format!("ifnull({d}, '2001-02-03')"),
    }
}
