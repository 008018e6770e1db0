-- dumpfix-test: --target liferay-postgresql
--
-- PostgreSQL database dump
--

-- Dumped from database version 15.8
-- Dumped by pg_dump version 15.8

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE TABLE public.user_ (
    userid bigint NOT NULL,
    screenname character varying(75),
    createdate timestamp without time zone
);

CREATE VIEW public.first_users AS
 SELECT user_.userid
   FROM public.user_
  ORDER BY user_.userid
 LIMIT 10 OFFSET 0;

--
-- PostgreSQL database dump complete
--
