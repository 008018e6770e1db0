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
-- Name: accountentry; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accountentry (
    "mvccVersion" bigint DEFAULT 0 NOT NULL,
    "accountEntryId" bigint NOT NULL,
    "companyId" bigint,
    name character varying(100),
    "restrictMembership" boolean
);

--
-- Data for Name: accountentry; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.accountentry ("mvccVersion", "accountEntryId", "companyId", name, "restrictMembership") FROM stdin;
0	1	20097	acme	t
0	2	20097	O'Brien \\ Co	f
\.


--
-- Name: accountentry "AccountEntry_pkey"; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accountentry
    ADD CONSTRAINT "AccountEntry_pkey" PRIMARY KEY ("accountEntryId");


--
-- Name: "IX_48CB043"; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_48CB043" ON public.accountentry USING btree ("companyId", name);


--
-- PostgreSQL database dump complete
--

