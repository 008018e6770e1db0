-- dumpfix-test: --target liferay-postgresql
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
-- Data for Name: dlcontent; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dlcontent (mvccversion, contentid, groupid, companyid, repositoryid, path_, version, data_, size_) FROM stdin;
0	1	20121	20097	20121	document_library/1/a.txt	1.0	\N	12
\.


--
-- Name: dlcontent dlcontent_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dlcontent
    ADD CONSTRAINT dlcontent_pkey PRIMARY KEY (contentid);


--
-- Name: dlcontent delete_dlcontent_data_; Type: RULE; Schema: public; Owner: -
--

CREATE RULE delete_dlcontent_data_ AS
    ON DELETE TO public.dlcontent DO  SELECT
            CASE
                WHEN (EXISTS ( SELECT 1
                   FROM pg_largeobject_metadata
                  WHERE (pg_largeobject_metadata.oid = old.data_))) THEN lo_unlink(old.data_)
                ELSE NULL::integer
            END AS "case"
   FROM public.dlcontent
  WHERE (dlcontent.data_ = old.data_);


--
-- Name: dlcontent update_dlcontent_data_; Type: RULE; Schema: public; Owner: -
--

CREATE RULE update_dlcontent_data_ AS
    ON UPDATE TO public.dlcontent
   WHERE ((old.data_ IS DISTINCT FROM new.data_) AND (old.data_ IS NOT NULL)) DO  SELECT
            CASE
                WHEN (EXISTS ( SELECT 1
                   FROM pg_largeobject_metadata
                  WHERE (pg_largeobject_metadata.oid = old.data_))) THEN lo_unlink(old.data_)
                ELSE NULL::integer
            END AS "case"
   FROM public.dlcontent
  WHERE (dlcontent.data_ = old.data_);


--
-- PostgreSQL database dump complete
--

