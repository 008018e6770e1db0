-- dumpfix-test: --target liferay-postgresql
--
-- PostgreSQL database dump
--

-- Dumped from database version 15.8
-- Dumped by pg_dump version 15.8

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE TABLE public."UPPER" (
    v integer
);

CREATE TABLE public.lower_one (
    v integer
);

COPY public."UPPER" (v) FROM stdin;
1
\.

COPY public.lower_one (v) FROM stdin;
2
\.

--
-- PostgreSQL database dump complete
--
