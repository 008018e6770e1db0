-- dumpfix-test: --target liferay-postgresql
--
-- PostgreSQL database dump
--

\restrict lhcHkKbAYx4B9Jd8bJfgI0hhahXqw3Xa0qVN2NMzfPWeUT7pD3l7ALpFgTvn
-- Dumped from database version 15.8
-- Dumped by pg_dump version 17.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
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
-- Name: accountentry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accountentry (
    mvccversion bigint DEFAULT 0 NOT NULL,
    accountentryid bigint NOT NULL,
    companyid bigint,
    name character varying(100),
    restrictmembership boolean
);

--
-- Data for Name: accountentry; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.accountentry (mvccversion, accountentryid, companyid, name, restrictmembership) FROM stdin;
0	1	20097	acme	t
0	2	20097	O'Brien \\ Co	f
\.


--
-- Name: accountentry accountentry_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accountentry
    ADD CONSTRAINT accountentry_pkey PRIMARY KEY (accountentryid);


--
-- Name: ix_48cb043; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_48cb043 ON public.accountentry USING btree (companyid, name);


--
-- PostgreSQL database dump complete
--

\unrestrict lhcHkKbAYx4B9Jd8bJfgI0hhahXqw3Xa0qVN2NMzfPWeUT7pD3l7ALpFgTvn

