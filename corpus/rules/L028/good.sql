--
-- PostgreSQL database dump
--

\restrict om3nhBX6w6BefAQLT3vHcMJdXRJfwdXozBDCfHzyljxXugmbrCBefu99KJpxayz

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

\unrestrict om3nhBX6w6BefAQLT3vHcMJdXRJfwdXozBDCfHzyljxXugmbrCBefu99KJpxayz

