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
-- Name: user_; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_ (
    mvccversion bigint DEFAULT 0 NOT NULL,
    userid bigint NOT NULL,
    companyid bigint,
    createdate timestamp without time zone,
    screenname character varying(75),
    emailaddress character varying(254),
    lockout boolean,
    status integer
);

--
-- Data for Name: user_; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.user_ (mvccversion, userid, companyid, createdate, screenname, emailaddress, lockout, status) FROM stdin;
0	20101	20097	2024-03-01 09:00:00	default	default@liferay.com	f	0
0	20123	20097	2024-03-01 09:00:01	test	test@liferay.com	f	0
\.


--
-- Name: user_ user__pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_
    ADD CONSTRAINT user__pkey PRIMARY KEY (userid);


--
-- Name: my_custom_report; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.my_custom_report (
    id bigint NOT NULL,
    title text
);

--
-- Data for Name: my_custom_report; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.my_custom_report (id, title) FROM stdin;
1	Quarterly
\.


--
-- PostgreSQL database dump complete
--

