--
-- PostgreSQL database dump
--

\restrict 9I6qaSKkodkAxfRXUEIvfF4jCM4OzsIfRkWWkskde1StERjeX2ub89EJmIOEFNv

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
-- Name: all_pub; Type: PUBLICATION; Schema: -; Owner: -
--

CREATE PUBLICATION all_pub FOR ALL TABLES WITH (publish = 'insert, update, delete, truncate');


--
-- Name: liferay_pub; Type: PUBLICATION; Schema: -; Owner: -
--

CREATE PUBLICATION liferay_pub WITH (publish = 'insert, update, delete, truncate');


--
-- Name: liferay_pub group_; Type: PUBLICATION TABLE; Schema: public; Owner: -
--

ALTER PUBLICATION liferay_pub ADD TABLE ONLY public.group_;


--
-- Name: liferay_pub user_; Type: PUBLICATION TABLE; Schema: public; Owner: -
--

ALTER PUBLICATION liferay_pub ADD TABLE ONLY public.user_;


--
-- Name: liferay_sub; Type: SUBSCRIPTION; Schema: -; Owner: -
--

CREATE SUBSCRIPTION liferay_sub CONNECTION 'host=old-db.example.com dbname=lportal user=repl' PUBLICATION upstream_pub WITH (connect = false, slot_name = 'liferay_sub');


--
-- PostgreSQL database dump complete
--

\unrestrict 9I6qaSKkodkAxfRXUEIvfF4jCM4OzsIfRkWWkskde1StERjeX2ub89EJmIOEFNv

