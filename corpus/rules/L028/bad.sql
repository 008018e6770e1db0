--
-- PostgreSQL database dump
--

\restrict eeKNRgIdmNM8rdPzan9RqB4ZcfBjna4ZWfmZyd64t7FaIR85CgKz5GxVBi8xY7O

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
-- Name: pg_stat_statements; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;


--
-- Name: EXTENSION pg_stat_statements; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_stat_statements IS 'track planning and execution statistics of all SQL statements executed';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: user_; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_ (
    userid bigint NOT NULL,
    screenname character varying(75)
);


--
-- Data for Name: user_; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.user_ (userid, screenname) FROM stdin;
1	joe
\.


--
-- PostgreSQL database dump complete
--

\unrestrict eeKNRgIdmNM8rdPzan9RqB4ZcfBjna4ZWfmZyd64t7FaIR85CgKz5GxVBi8xY7O

