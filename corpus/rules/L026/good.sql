--
-- PostgreSQL database dump
--

\restrict Rd4IoXp7mEqhOabRzxKcjHRTNxYHKw6945UJyVChLOIKL5Sedw56f2Zs2aB0JNO

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
-- Name: group_; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.group_ (
    groupid bigint NOT NULL,
    name character varying(150)
);


--
-- Name: user_; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_ (
    userid bigint NOT NULL,
    screenname character varying(75)
);


--
-- Data for Name: group_; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.group_ (groupid, name) FROM stdin;
\.


--
-- Data for Name: user_; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.user_ (userid, screenname) FROM stdin;
1	joe
2	ann
\.


--
-- Name: group_ group__pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.group_
    ADD CONSTRAINT group__pkey PRIMARY KEY (groupid);


--
-- Name: user_ user__pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_
    ADD CONSTRAINT user__pkey PRIMARY KEY (userid);


--
-- PostgreSQL database dump complete
--

\unrestrict Rd4IoXp7mEqhOabRzxKcjHRTNxYHKw6945UJyVChLOIKL5Sedw56f2Zs2aB0JNO

