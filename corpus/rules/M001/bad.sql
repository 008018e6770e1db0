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

-- a view written for a MySQL-compatibility extension
CREATE VIEW public.user_names AS
 SELECT ifnull(user_.screenname, 'anonymous'::character varying) AS name
   FROM public.user_;

--
-- PostgreSQL database dump complete
--
