--
-- PostgreSQL database dump
--

\restrict CHdhdYz3x2v3ISJfuoxhmCEDHdR6WUAPeEmRfht4h3nyXhaN5tWUDFVdf14HbvG

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

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

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: user_; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_ (
    userid bigint NOT NULL,
    screenname character varying(75),
    emailaddress public.citext
);


--
-- Data for Name: user_; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.user_ (userid, screenname, emailaddress) FROM stdin;
1	joe	Joe@x.com
\.


--
-- Name: ix_sn; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_sn ON public.user_ USING gin (screenname public.gin_trgm_ops);


--
-- PostgreSQL database dump complete
--

\unrestrict CHdhdYz3x2v3ISJfuoxhmCEDHdR6WUAPeEmRfht4h3nyXhaN5tWUDFVdf14HbvG

