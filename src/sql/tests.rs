use super::table::{alter_table, create_table, name_refs, Role};
use super::*;

fn toks(s: &str, d: Dialect) -> Tokens<'_> {
    tokenize(s.as_bytes(), d, d == Dialect::Mysql)
}

fn relations(s: &str, d: Dialect) -> Vec<String> {
    let t = toks(s, d);
    name_refs(&t)
        .iter()
        .filter_map(|r| r.relation().map(|i| t.name(i)))
        .collect()
}

#[test]
fn strings_and_comments_are_not_code() {
    let t = toks(
        "INSERT INTO `user_` VALUES ('it''s \\' user_', \"x\") -- user_\n /* user_ */",
        Dialect::Mysql,
    );
    let words: Vec<_> = (0..t.len())
        .filter(|&i| t.toks[i].kind == Tok::Word)
        .map(|i| String::from_utf8_lossy(t.text(i)).into_owned())
        .collect();
    assert_eq!(words, ["INSERT", "INTO", "VALUES"]);
    assert_eq!(t.name(2), "user_");
}

#[test]
fn mysql_conditional_comment_bodies_are_code() {
    let t = toks(
        "/*!40000 ALTER TABLE `group_` DISABLE KEYS */;",
        Dialect::Mysql,
    );
    assert_eq!(t.leading_words(2), ["ALTER", "TABLE"]);
    assert_eq!(
        relations(
            "/*!40000 ALTER TABLE `group_` DISABLE KEYS */;",
            Dialect::Mysql
        ),
        ["group_"]
    );
}

#[test]
fn pg_dollar_quotes_and_e_strings() {
    let t = toks(
        "SELECT $f$ it's user_ $f$, E'a\\'b', \"User_\"",
        Dialect::Postgres,
    );
    let kinds: Vec<_> = t.toks.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            Tok::Word,
            Tok::Str,
            Tok::Punct,
            Tok::Str,
            Tok::Punct,
            Tok::QIdent
        ]
    );
    assert_eq!(t.name(5), "User_");
}

#[test]
fn table_positions() {
    let d = Dialect::Mysql;
    assert_eq!(
        relations("LOCK TABLES `a` WRITE, `b` READ LOCAL;", d),
        ["a", "b"]
    );
    assert_eq!(relations("DROP TABLE IF EXISTS `a`, b;", d), ["a", "b"]);
    assert_eq!(
        relations(
            "CREATE VIEW v AS select u.x from user_ u join group_ g on u.id = g.id where exists (select 1 from role_)",
            d
        ),
        ["user_", "group_", "role_"]
    );
    assert_eq!(
        relations(
            "CREATE TABLE t (a int, KEY k (a), CONSTRAINT f FOREIGN KEY (a) REFERENCES `p` (`id`))",
            d
        ),
        ["t", "p"]
    );
    assert_eq!(
        relations("RENAME TABLE a TO b, c TO d", d),
        ["a", "b", "c", "d"]
    );
    let p = Dialect::Postgres;
    assert_eq!(
        relations("CREATE INDEX ix ON lportal.address USING btree (a)", p),
        ["address"]
    );
    assert_eq!(
        relations("COPY lportal.address (a, b) FROM stdin;", p),
        ["address"]
    );
    assert_eq!(
        relations("CREATE RULE r AS ON DELETE TO public.dlcontent DO SELECT 1 FROM public.dlcontent WHERE (dlcontent.data_ = old.data_);", p),
        ["dlcontent", "dlcontent"]
    );
    assert_eq!(
        relations(
            "ALTER TABLE ONLY lportal.address ADD CONSTRAINT p PRIMARY KEY (a);",
            p
        ),
        ["address"]
    );
    // ON UPDATE CURRENT_TIMESTAMP is not a table
    assert_eq!(
        relations(
            "CREATE TABLE t (a timestamp ON UPDATE CURRENT_TIMESTAMP)",
            d
        ),
        ["t"]
    );
    // EXTRACT(DAY FROM d): d is a column, FROM f(x) a function
    assert_eq!(
        relations("SELECT count(*) FROM generate_series(1, 2)", p),
        Vec::<String>::new()
    );
}

#[test]
fn other_chains_are_qualifiers() {
    let t = toks(
        "SELECT u.name, lportal.f(1) FROM user_ u",
        Dialect::Postgres,
    );
    let others: Vec<_> = name_refs(&t)
        .into_iter()
        .filter(|r| r.role == Role::Other)
        .map(|r| t.name(r.chain.parts[0]))
        .collect();
    assert_eq!(others, ["u", "lportal"]);
}

#[test]
fn create_table_columns() {
    let s = "CREATE TABLE lportal.user_ (\n    userid bigint NOT NULL,\n    active_ smallint DEFAULT 0,\n    createdate timestamp with time zone,\n    \"Name\" character varying(75) COLLATE pg_catalog.\"default\",\n    CONSTRAINT pk PRIMARY KEY (userid)\n);";
    let t = toks(s, Dialect::Postgres);
    let ct = create_table(&t).expect("create table");
    let names: Vec<_> = ct.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["userid", "active_", "createdate", "Name"]);
    let c = &ct.columns[1];
    assert_eq!(&s[c.type_span.0..c.type_span.1], "smallint");
    let (a, b) = c.default_span.expect("default");
    assert_eq!(&s[a..b], "0");
    let c = &ct.columns[2];
    assert_eq!(&s[c.type_span.0..c.type_span.1], "timestamp with time zone");
    let c = &ct.columns[3];
    assert_eq!(&s[c.type_span.0..c.type_span.1], "character varying(75)");

    let m = "CREATE TABLE `User_` (\n  `active_` tinyint(4) DEFAULT NULL,\n  `n` varchar(5) CHARACTER SET utf8mb4 NOT NULL DEFAULT 'x',\n  PRIMARY KEY (`userId`),\n  KEY `ix` (`n`)\n) ENGINE=InnoDB;";
    let t = toks(m, Dialect::Mysql);
    let ct = create_table(&t).expect("create table");
    assert_eq!(ct.columns.len(), 2);
    let c = &ct.columns[0];
    assert_eq!(&m[c.type_span.0..c.type_span.1], "tinyint(4)");
    let (a, b) = c.default_span.expect("default");
    assert_eq!(&m[a..b], "NULL");
    let c = &ct.columns[1];
    assert_eq!(&m[c.type_span.0..c.type_span.1], "varchar(5)");

    // MariaDB's compressed columns end the type (the column was read as `text`)
    let z = "CREATE TABLE `z` (\n  `a` varchar(700) /*M!100301 COMPRESSED*/ CHARACTER SET latin1 DEFAULT NULL,\n  `c` blob /*M!100301 COMPRESSED*/ DEFAULT NULL\n);";
    let t = toks(z, Dialect::Mysql);
    let ct = create_table(&t).expect("create table");
    let spans: Vec<&str> = ct
        .columns
        .iter()
        .map(|c| &z[c.type_span.0..c.type_span.1])
        .collect();
    assert_eq!(spans, ["varchar(700)", "blob"]);
}

#[test]
fn alter_table_type_changes() {
    let s = "ALTER TABLE ONLY public.dlcontent ALTER COLUMN data_ TYPE oid USING pg_catalog.lo_from_bytea(0, data_);";
    let t = toks(s, Dialect::Postgres);
    let (name, cols) = alter_table(&t).expect("alter");
    assert_eq!(t.name(*name.parts.last().expect("part")), "dlcontent");
    assert_eq!(cols.len(), 1);
    assert_eq!(cols[0].name, "data_");
    assert_eq!(&s[cols[0].type_span.0..cols[0].type_span.1], "oid");
}

#[test]
fn edits_splice_in_order_and_skip_overlaps() {
    let mut out = Vec::new();
    let mut e = vec![
        Edit {
            start: 4,
            end: 5,
            text: b"X".to_vec(),
        },
        Edit {
            start: 0,
            end: 1,
            text: b"ab".to_vec(),
        },
        Edit {
            start: 4,
            end: 6,
            text: b"never".to_vec(),
        },
    ];
    apply_edits(b"0123456", &mut e, &mut out);
    assert_eq!(out, b"ab123X56");
}
