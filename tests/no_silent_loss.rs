//! Values that were lost without a word on real dumps: generated columns, bit(n)
//! zeros, a database qualifier inside a DEFAULT, a byte order mark. Each case is
//! dumped by the real `mariadb-dump` (or written the way MySQL 8's mysqldump writes
//! it), rewritten, loaded into the real server, and compared value by value.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{dumpfix, unique_name, Maria, Pg};

/// `dumpfix ARGS` with `input` on stdin: exit code, stdout, stderr.
fn run(args: &[&str], input: &[u8]) -> (i32, Vec<u8>, String) {
    let mut cmd = dumpfix();
    cmd.args(args);
    let o = common::output_with_stdin(cmd, input);
    (
        o.status.code().unwrap_or(-1),
        o.stdout,
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

#[test]
fn generated_columns_keep_their_values_or_say_they_are_lost() {
    const TEST: &str = "generated_columns_keep_their_values_or_say_they_are_lost";
    let (Some(maria), Some(pg)) = (Maria::connect(TEST), Pg::connect(TEST)) else {
        return;
    };
    let src = maria.create_db(&unique_name("dfx_gen"));
    maria.load_bytes(
        src.name(),
        b"CREATE TABLE t3 (id int NOT NULL, half decimal(10,4) GENERATED ALWAYS AS ((id / 2)) STORED, \
           third double GENERATED ALWAYS AS (id / 3e0) VIRTUAL, q int GENERATED ALWAYS AS (id DIV 2) VIRTUAL, \
           r int GENERATED ALWAYS AS (id % 2) VIRTUAL, PRIMARY KEY (id));\n\
          INSERT INTO t3 (id) VALUES (1),(3),(-7),(0);\n\
          CREATE TABLE w (s varchar(10) NOT NULL, p varchar(4) GENERATED ALWAYS AS (soundex(s)) STORED);\n\
          INSERT INTO w (s) VALUES ('abc'), ('xyz');\n",
    );
    // mariadb-dump writes the values of generated columns
    let dump = maria.dump(&[src.name()]);
    let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], &dump);
    assert_eq!(code, 1, "{stderr}");
    // soundex() does not translate: a plain column with MariaDB's values (a warning)
    assert!(
        stderr.contains("warning[C012]") && stderr.contains("w.p"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("t3."),
        "t3's columns all translate: {stderr}"
    );
    assert!(!stderr.contains("error["), "{stderr}");
    let db = pg.create_db(&unique_name("dfx_gen"));
    pg.load_bytes(db.name(), &sql);
    let q = "SELECT id, half, third, q, r FROM t3 ORDER BY id";
    let want = maria.query(src.name(), q);
    let got = pg.query(db.name(), q);
    // MariaDB prints doubles with up to 17 significant digits; compare those as numbers
    let norm = |s: &str| -> Vec<Vec<String>> {
        s.lines()
            .map(|l| {
                l.split('\t')
                    .map(|v| match v.parse::<f64>() {
                        Ok(f) if v.contains('.') && v.len() > 10 => format!("{f:.12e}"),
                        _ => v.to_string(),
                    })
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        norm(&got),
        norm(&want),
        "PostgreSQL\n{got}\nMariaDB\n{want}"
    );
    // PostgreSQL computes the translated ones: a new row gets MySQL's values
    pg.query(db.name(), "INSERT INTO t3 (id) VALUES (5)");
    assert_eq!(
        pg.query(db.name(), "SELECT half, q, r FROM t3 WHERE id = 5"),
        "2.5000\t2\t1"
    );
    assert_eq!(
        pg.query(db.name(), "SELECT s, p FROM w ORDER BY s"),
        maria.query(src.name(), "SELECT s, p FROM w ORDER BY s")
    );
    // a dump whose INSERTs carry the values: NOT NULL and the primary key on such a
    // column are made after the data
    let with_values = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
        CREATE TABLE `w` (\n  `s` varchar(10) NOT NULL,\n  `p` varchar(4) GENERATED ALWAYS AS (soundex(`s`)) STORED NOT NULL,\n  PRIMARY KEY (`p`)\n);\n\
        CREATE TABLE `r` (`id` int NOT NULL, `p` varchar(4), PRIMARY KEY (`id`), CONSTRAINT `r_p` FOREIGN KEY (`p`) REFERENCES `w` (`p`));\n\
        INSERT INTO `w` VALUES ('abc','A120'),('xyz','X000');\n\
        -- Dump completed on 2024-01-01  0:00:00\n";
    let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], with_values.as_bytes());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(":2: warning[C012]"), "{stderr}");
    let db = pg.create_db(&unique_name("dfx_gen"));
    pg.load_bytes(db.name(), &sql);
    assert_eq!(
        pg.query(
            db.name(),
            "SELECT attnotnull, EXISTS (SELECT 1 FROM pg_index WHERE indrelid = 'w'::regclass AND indisprimary) \
             FROM pg_attribute WHERE attrelid = 'w'::regclass AND attname = 'p'"
        ),
        "t\tt"
    );
    assert_eq!(
        pg.query(
            db.name(),
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = 'r'::regclass"
        ),
        "1"
    );

    // MySQL's mysqldump leaves generated columns out of its INSERTs: the values of
    // one that does not translate are lost, which is an error, and the script loads
    let mysql = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
        CREATE TABLE `w` (\n  `s` varchar(10) NOT NULL,\n  `p` varchar(4) GENERATED ALWAYS AS (soundex(`s`)) STORED NOT NULL,\n  PRIMARY KEY (`p`)\n);\n\
        CREATE TABLE `r` (`id` int NOT NULL, `p` varchar(4), PRIMARY KEY (`id`), CONSTRAINT `r_p` FOREIGN KEY (`p`) REFERENCES `w` (`p`));\n\
        INSERT INTO `w` (`s`) VALUES ('abc'),('xyz');\n\
        -- Dump completed on 2024-01-01  0:00:00\n";
    for args in [
        &["convert", "--to", "postgresql"][..],
        &["fix", "--target", "liferay-postgresql"][..],
    ] {
        let (code, sql, stderr) = run(args, mysql.as_bytes());
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(":8: error[C008]") && stderr.contains("w.p"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("primary key on it is not made") && stderr.contains("C011"),
            "{args:?}: {stderr}"
        );
        let db = pg.create_db(&unique_name("dfx_gen"));
        pg.load_bytes(db.name(), &sql);
        assert_eq!(
            pg.query(db.name(), "SELECT s, coalesce(p, 'NULL') FROM w ORDER BY s"),
            "abc\tNULL\nxyz\tNULL"
        );
    }
    // check says the same as fix
    let (code, out, stderr) = run(
        &[
            "check",
            "--target",
            "liferay-postgresql",
            "--format",
            "json",
        ],
        mysql.as_bytes(),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(String::from_utf8_lossy(&out).contains("\"C008\""));
}

#[test]
fn json_document_ids_are_computed() {
    const TEST: &str = "json_document_ids_are_computed";
    let Some(pg) = Pg::connect(TEST) else {
        return;
    };
    // as MySQL 8's mysqldump writes a document collection (X DevAPI)
    let dump = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
        /*!40101 SET NAMES utf8mb4 */;\n\
        CREATE TABLE `docs` (\n\
          `doc` json DEFAULT NULL,\n\
          `_id` varchar(32) GENERATED ALWAYS AS (json_unquote(json_extract(`doc`,_utf8mb4'$._id'))) STORED NOT NULL,\n\
          `n` varchar(20) GENERATED ALWAYS AS (json_extract(`doc`,_utf8mb4'$.a.b[1]')) VIRTUAL,\n\
          `s` varchar(20) GENERATED ALWAYS AS (json_extract(`doc`,_utf8mb4'$._id')) VIRTUAL,\n\
          PRIMARY KEY (`_id`)\n\
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n\
        INSERT INTO `docs` (`doc`) VALUES ('{\"_id\": \"00006\", \"a\": {\"b\": [1, 42]}}'),('{\"_id\": \"it''s\", \"a\": null}');\n\
        -- Dump completed on 2024-01-01  0:00:00\n";
    let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], dump.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    let db = pg.create_db(&unique_name("dfx_json"));
    pg.load_bytes(db.name(), &sql);
    assert_eq!(
        pg.query(
            db.name(),
            "SELECT _id, coalesce(n, 'null'), s FROM docs ORDER BY _id"
        ),
        "00006\t42\t\"00006\"\nit's\tnull\t\"it's\""
    );
}

#[test]
fn bit_zeros_stay_zeros() {
    const TEST: &str = "bit_zeros_stay_zeros";
    let (Some(maria), Some(pg)) = (Maria::connect(TEST), Pg::connect(TEST)) else {
        return;
    };
    let src = maria.create_db(&unique_name("dfx_bit"));
    maria.load_bytes(
        src.name(),
        b"CREATE TABLE b (id int PRIMARY KEY, b1 bit(1), b8 bit(8), b9 bit(9), b64 bit(64));\n\
          INSERT INTO b VALUES (1, 0, 0, 0, 0), (2, 1, 255, 511, 18446744073709551615),\n\
          (3, NULL, b'10', b'100000000', 1), (4, b'0', 10, 0, 0);\n",
    );
    let q_maria = "SELECT id, b1+0, b8+0, b9+0, b64+0 FROM b ORDER BY id";
    let want = maria.query(src.name(), q_maria);
    for opts in [
        &[][..],
        &["--hex-blob"][..],
        &["--skip-extended-insert", "--complete-insert"][..],
    ] {
        let mut args = opts.to_vec();
        args.push(src.name());
        let dump = maria.dump(&args);
        let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], &dump);
        assert_eq!(code, 0, "{opts:?}: {stderr}");
        let db = pg.create_db(&unique_name("dfx_bit"));
        pg.load_bytes(db.name(), &sql);
        // bit varying as an unsigned number: pad to 64 bits, then through bigint
        // (numeric for the top bit)
        let num = |c: &str| {
            format!(
                "CASE WHEN {c} IS NULL THEN 'NULL' ELSE ((lpad({c}::text, 64, '0')::bit(64)::bigint::numeric + CASE WHEN lpad({c}::text, 64, '0') LIKE '1%' THEN 18446744073709551616 ELSE 0 END))::text END"
            )
        };
        let q = format!(
            "SELECT id, coalesce(b1::int::text, 'NULL'), {}, {}, {} FROM b ORDER BY id",
            num("b8"),
            num("b9"),
            num("b64")
        );
        let got = pg.query(db.name(), &q);
        assert_eq!(got, want, "{opts:?}");
    }
    // the empty forms mysqldump versions write for a zero bit(1) / bit(n)
    let dump = "-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
        CREATE TABLE `e` (`id` int NOT NULL, `b1` bit(1) NOT NULL, `b8` bit(8) NOT NULL, PRIMARY KEY (`id`));\n\
        INSERT INTO `e` VALUES (1,'',''),(2,_binary '',_binary ''),(3,b'',b''),(4,_binary '\\0',_binary '\\0'),(5,_binary '\x01',_binary '\x05');\n\
        -- Dump completed on 2024-01-01  0:00:00\n";
    let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], dump.as_bytes());
    assert_eq!(code, 0, "{stderr}");
    let db = pg.create_db(&unique_name("dfx_bit"));
    pg.load_bytes(db.name(), &sql);
    assert_eq!(
        pg.query(
            db.name(),
            "SELECT id, b1, lpad(b8::text, 64, '0')::bit(64)::bigint FROM e ORDER BY id"
        ),
        "1\tf\t0\n2\tf\t0\n3\tf\t0\n4\tf\t0\n5\tt\t5"
    );
}

#[test]
fn a_renamed_database_leaves_no_old_qualifier() {
    const TEST: &str = "a_renamed_database_leaves_no_old_qualifier";
    let Some(maria) = Maria::connect(TEST) else {
        return;
    };
    let old = maria.create_db(&unique_name("dfx_old"));
    let new_name = unique_name("dfx_new");
    let new = maria.guard_db(&new_name);
    let o = common::my_ident(old.name());
    maria.load_bytes(
        old.name(),
        format!(
            "CREATE SEQUENCE s_seq START WITH 100;\n\
             CREATE TABLE t (id int NOT NULL DEFAULT nextval({o}.s_seq), v varchar(10), PRIMARY KEY (id));\n\
             INSERT INTO t (v) VALUES ('a'), ('b');\n"
        )
        .as_bytes(),
    );
    // (--skip-add-locks: MariaDB refuses its own LOCK TABLES around rows of a table
    // whose DEFAULT takes a sequence)
    let dump = maria.dump(&["--skip-add-locks", old.name()]);
    assert!(
        String::from_utf8_lossy(&dump).contains(&format!("`{}`.`s_seq`", old.name())),
        "the dump names the old database in the DEFAULT"
    );
    let (code, fixed, stderr) = run(
        &["fix", "--target", "liferay-mysql", "--database", &new_name],
        &dump,
    );
    assert!(code == 0 || code == 1, "{stderr}");
    let text = String::from_utf8_lossy(&fixed);
    assert!(
        !text.contains(&format!("`{}`", old.name())),
        "the old name is left in:\n{text}"
    );
    // load with the old database still there: new rows draw from the new sequence
    maria.load_bytes("", &fixed);
    maria.query(new.name(), "INSERT INTO t (v) VALUES ('c')");
    // (the dump sets the sequence past MariaDB's cache of 1000 values)
    assert_eq!(
        maria.query(new.name(), "SELECT id, v FROM t ORDER BY id"),
        "100\ta\n101\tb\n1100\tc"
    );
    assert_eq!(maria.query(new.name(), "SELECT nextval(s_seq)"), "1101");
    assert_eq!(
        maria.query(old.name(), "SELECT id FROM t ORDER BY id"),
        "100\n101"
    );
    assert_eq!(
        maria.query(old.name(), "SELECT nextval(s_seq)"),
        "102",
        "the old database's sequence was used"
    );
}

#[test]
fn a_byte_order_mark_stays_first() {
    const TEST: &str = "a_byte_order_mark_stays_first";
    let Some(maria) = Maria::connect(TEST) else {
        return;
    };
    let name = unique_name("dfx_bom");
    let db = maria.guard_db(&name);
    let dump = "\u{feff}-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n\
        /*!40101 SET NAMES utf8mb4 */;\n\
        CREATE TABLE `user_` (`userId` bigint NOT NULL, `screenName` varchar(75), PRIMARY KEY (`userId`));\n\
        INSERT INTO `user_` VALUES (1,'caf\u{e9}');\n\
        -- Dump completed on 2024-01-01  0:00:00\n";
    let (code, fixed, stderr) = run(
        &["fix", "--target", "liferay-mysql", "--database", &name],
        dump.as_bytes(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(fixed.starts_with(b"\xEF\xBB\xBF"), "{:?}", &fixed[..20]);
    assert_eq!(fixed.windows(3).filter(|w| w == b"\xEF\xBB\xBF").count(), 1);
    maria.load_bytes("", &fixed);
    assert_eq!(
        maria.query(db.name(), "SELECT userId, screenName FROM User_"),
        "1\tcaf\u{e9}"
    );
}

#[test]
fn table_options_and_mariadb_types_carry_over_or_say_so() {
    const TEST: &str = "table_options_and_mariadb_types_carry_over_or_say_so";
    let (Some(maria), Some(pg)) = (Maria::connect(TEST), Pg::connect(TEST)) else {
        return;
    };
    let src = maria.create_db(&unique_name("dfx_opt"));
    maria.load_bytes(
        src.name(),
        b"CREATE TABLE logs (id int NOT NULL AUTO_INCREMENT, y int NOT NULL, PRIMARY KEY (id, y)) AUTO_INCREMENT=500 \
           PARTITION BY RANGE (y) (PARTITION p0 VALUES LESS THAN (2000), PARTITION p1 VALUES LESS THAN MAXVALUE);\n\
          INSERT INTO logs (id, y) VALUES (1, 1999), (2, 2020);\n\
          CREATE TABLE hist (id int PRIMARY KEY, v varchar(10)) WITH SYSTEM VERSIONING;\n\
          CREATE TABLE per (id int PRIMARY KEY, v int, rs timestamp(6) GENERATED ALWAYS AS ROW START INVISIBLE, \
            re timestamp(6) GENERATED ALWAYS AS ROW END INVISIBLE, PERIOD FOR SYSTEM_TIME(rs, re)) WITH SYSTEM VERSIONING;\n\
          INSERT INTO per (id, v) VALUES (1, 10);\n\
          INSERT INTO hist VALUES (1, 'a'); UPDATE hist SET v = 'b' WHERE id = 1;\n\
          CREATE TABLE addr (id int PRIMARY KEY, a4 inet4, a6 inet6, u uuid);\n\
          INSERT INTO addr VALUES (1, '10.0.0.1', '2001:db8::1', '123e4567-e89b-12d3-a456-426614174000'), (2, NULL, '::ffff:1.2.3.4', NULL);\n",
    );
    let dump = maria.dump(&[src.name()]);
    let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], &dump);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("warning[C014]")
            && stderr.contains("PARTITION BY")
            && stderr.contains("of logs"),
        "{stderr}"
    );
    assert!(
        stderr.contains("WITH SYSTEM VERSIONING") && stderr.contains("of hist"),
        "{stderr}"
    );
    // an element that is no column (an explicit period) is said, not skipped
    assert!(
        stderr.contains("`PERIOD FOR SYSTEM_TIME") && stderr.contains("of per"),
        "{stderr}"
    );
    let db = pg.create_db(&unique_name("dfx_opt"));
    pg.load_bytes(db.name(), &sql);
    // MariaDB's types have PostgreSQL twins, values equal as text
    assert_eq!(
        pg.query(
            db.name(),
            "SELECT pg_typeof(a4), pg_typeof(a6), pg_typeof(u) FROM addr LIMIT 1"
        ),
        "inet\tinet\tuuid"
    );
    assert_eq!(
        pg.query(db.name(), "SELECT id, coalesce(a4::text, '-'), host(a6), coalesce(u::text, '-') FROM addr ORDER BY id"),
        "1\t10.0.0.1/32\t2001:db8::1\t123e4567-e89b-12d3-a456-426614174000\n2\t-\t::ffff:1.2.3.4\t-"
    );
    // the identity goes on at max(AUTO_INCREMENT=500, max(id) + 1), as in MariaDB
    maria.query(src.name(), "INSERT INTO logs (y) VALUES (5)");
    assert_eq!(maria.query(src.name(), "SELECT max(id) FROM logs"), "500");
    assert_eq!(
        pg.query(db.name(), "INSERT INTO logs (y) VALUES (5) RETURNING id"),
        "500"
    );
    assert_eq!(pg.query(db.name(), "SELECT v FROM hist"), "b");
    assert_eq!(pg.query(db.name(), "SELECT id, v FROM per"), "1\t10");
}

#[test]
fn mariadb_sequences_become_postgresql_sequences() {
    const TEST: &str = "mariadb_sequences_become_postgresql_sequences";
    let (Some(maria), Some(pg)) = (Maria::connect(TEST), Pg::connect(TEST)) else {
        return;
    };
    let src = maria.create_db(&unique_name("dfx_seq"));
    let q = common::my_ident(src.name());
    maria.load_bytes(
        src.name(),
        format!(
            "CREATE SEQUENCE s_seq START WITH 100 INCREMENT BY 5 CACHE 10;\n\
             CREATE SEQUENCE plain_seq;\n\
             CREATE TABLE t (id int NOT NULL DEFAULT nextval({q}.s_seq), n int DEFAULT nextval(plain_seq), \
               code varchar(36) DEFAULT (uuid()), PRIMARY KEY (id));\n\
             INSERT INTO t (code) VALUES ('a'), ('b');\n"
        )
        .as_bytes(),
    );
    let dump = maria.dump(&["--skip-add-locks", src.name()]);
    let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], &dump);
    assert_eq!(code, 1, "{stderr}");
    // the uuid() default has no translation: said, not dropped in silence
    assert!(
        stderr.contains("warning[C015]") && stderr.contains("t.code"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("C002"),
        "sequences are converted: {stderr}"
    );
    let db = pg.create_db(&unique_name("dfx_seq"));
    pg.load_bytes(db.name(), &sql);
    assert_eq!(
        pg.query(db.name(), "SELECT id, n, code FROM t ORDER BY id"),
        maria.query(src.name(), "SELECT id, n, code FROM t ORDER BY id")
    );
    // new rows draw the next values the dump sets: MariaDB writes SETVAL past the
    // values it had cached (100 + 5 × cache 10 = 150; plain_seq: 1 + cache 1000)
    let text = String::from_utf8_lossy(&dump);
    assert!(
        text.contains("SETVAL(`s_seq`, 150, 0)") && text.contains("SETVAL(`plain_seq`, 1001, 0)"),
        "{text}"
    );
    pg.query(db.name(), "INSERT INTO t (code) VALUES ('c')");
    assert_eq!(
        pg.query(db.name(), "SELECT id, n FROM t WHERE code = 'c'"),
        "150\t1001"
    );
}

/// A descending sequence (negative START, MINVALUE, INCREMENT) converts, and a cycling
/// one whose dumped next value lies past MAXVALUE (mariadb-dump writes the next value
/// not cached) loads and cycles as MariaDB's would.
#[test]
fn mariadb_sequences_at_their_bounds() {
    const TEST: &str = "mariadb_sequences_at_their_bounds";
    let (Some(maria), Some(pg)) = (Maria::connect(TEST), Pg::connect(TEST)) else {
        return;
    };
    let src = maria.create_db(&unique_name("dfx_seqb"));
    maria.load_bytes(
        src.name(),
        b"CREATE SEQUENCE down START WITH -5 MINVALUE -1000 MAXVALUE -5 INCREMENT BY -3 NOCACHE;\n\
          CREATE SEQUENCE ring START WITH 50 INCREMENT BY 5 MINVALUE 50 MAXVALUE 950 CYCLE;\n\
          DO NEXTVAL(down), NEXTVAL(down), NEXTVAL(ring), NEXTVAL(ring);\n",
    );
    let dump = maria.dump(&[src.name()]);
    let text = String::from_utf8_lossy(&dump);
    assert!(
        text.contains("SETVAL(`ring`, 951, 0)") && text.contains("SETVAL(`down`, -11, 0)"),
        "{text}"
    );
    let (code, sql, stderr) = run(&["convert", "--to", "postgresql"], &dump);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("C002"),
        "sequences are converted: {stderr}"
    );
    let db = pg.create_db(&unique_name("dfx_seqb"));
    pg.load_bytes(db.name(), &sql);
    // down goes on where MariaDB's would; ring (its cache spent past MAXVALUE) cycles
    assert_eq!(
        pg.query(db.name(), "SELECT nextval('down'), nextval('ring')"),
        "-11\t50"
    );
}

/// A dump in the client character set latin1 or cp1250 (`mysqldump
/// --default-character-set=…` writes `SET NAMES latin1`): its text is decoded from that
/// character set, in the data and in the DDL (defaults, comments, enum members). It
/// was written as NULL. `fix --target liferay-postgresql` takes the same path.
#[test]
fn text_in_the_dumps_character_set_is_decoded() {
    const TEST: &str = "text_in_the_dumps_character_set_is_decoded";
    let (Some(maria), Some(pg)) = (Maria::connect(TEST), Pg::connect(TEST)) else {
        return;
    };
    let src = maria.create_db(&unique_name("dfx_cs"));
    maria.load_bytes(
        src.name(),
        "SET NAMES utf8mb4;\n\
         CREATE TABLE t (id int PRIMARY KEY,\n\
           s varchar(40) CHARACTER SET latin1,\n\
           p varchar(40) CHARACTER SET cp1250,\n\
           e enum('é','ü') CHARACTER SET latin1,\n\
           d varchar(10) CHARACTER SET latin1 DEFAULT 'déf' COMMENT 'ça');\n\
         INSERT INTO t VALUES (1,'café € ÿ','Łódź',  'é', DEFAULT),(2,'Ünïcödé\\'s','žluť','ü','ß');\n"
            .as_bytes(),
    );
    let want = "1\tcafé € ÿ\tŁódź\té\tdéf\n2\tÜnïcödé's\tžluť\tü\tß";
    for (charset, p_col) in [("latin1", "s"), ("cp1250", "p")] {
        let dump = maria.dump(&[&format!("--default-character-set={charset}"), src.name()]);
        assert!(
            String::from_utf8_lossy(&dump).contains(&format!("SET NAMES {charset}")),
            "{charset}"
        );
        for args in [
            &["convert", "--to", "postgresql"][..],
            &["fix", "--target", "liferay-postgresql"][..],
        ] {
            let (code, sql, stderr) = run(args, &dump);
            assert!(code == 0 || code == 1, "{args:?} {charset}: {stderr}");
            assert!(!stderr.contains("C001"), "{args:?} {charset}: {stderr}");
            let db = pg.create_db(&unique_name("dfx_cs"));
            pg.load_bytes(db.name(), &sql);
            // latin1 cannot hold Łódź/žluť, cp1250 cannot hold € ÿ…: mariadb-dump wrote
            // `?` for those; the column the character set holds is compared whole
            let got = pg.query(db.name(), &format!("SELECT id, {p_col} FROM t ORDER BY id"));
            let expect: Vec<String> = want
                .lines()
                .map(|l| {
                    let f: Vec<&str> = l.split('\t').collect();
                    format!("{}\t{}", f[0], if p_col == "s" { f[1] } else { f[2] })
                })
                .collect();
            assert_eq!(got, expect.join("\n"), "{args:?} {charset}");
            if charset == "latin1" {
                assert_eq!(
                    pg.query(db.name(), "SELECT id, e, d FROM t ORDER BY id"),
                    "1\té\tdéf\n2\tü\tß",
                    "{args:?}"
                );
                assert_eq!(
                    pg.query(db.name(), "SELECT col_description('t'::regclass, 5)"),
                    "ça",
                    "{args:?}"
                );
            }
        }
    }
}
