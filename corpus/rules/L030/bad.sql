--
-- PostgreSQL database dump
--

-- Dumped from database version 15.8
-- Dumped by pg_dump version 15.8

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: dlcontent; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dlcontent (
    mvccversion bigint DEFAULT 0 NOT NULL,
    ctcollectionid bigint DEFAULT 0 NOT NULL,
    contentid bigint NOT NULL,
    groupid bigint,
    companyid bigint,
    repositoryid bigint,
    path_ character varying(255),
    version character varying(75),
    data_ oid,
    size_ bigint
);

--
-- Name: 16400; Type: BLOB; Schema: -; Owner: -
--

SELECT pg_catalog.lo_create('16400');


--
-- Data for Name: dlcontent; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dlcontent (mvccversion, ctcollectionid, contentid, groupid, companyid, repositoryid, path_, version, data_, size_) FROM stdin;
0	0	30001	20121	20097	20121	1/hello.txt	1.0	16400	13
0	0	30002	20121	20097	20121	1/empty.txt	1.0	\N	0
\.


--
-- Data for Name: BLOBS; Type: BLOBS; Schema: -; Owner: -
--

BEGIN;

SELECT pg_catalog.lo_open('16400', 131072);
SELECT pg_catalog.lowrite(0, '\x48656c6c6f2c20776f726c6421');
SELECT pg_catalog.lo_close(0);

COMMIT;

--
-- Name: dlcontent dlcontent_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dlcontent
    ADD CONSTRAINT dlcontent_pkey PRIMARY KEY (contentid);


--
-- PostgreSQL database dump complete
--

