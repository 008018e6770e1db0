--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET standard_conforming_strings = on;

CREATE TABLE public.dlcontent (
    contentid bigint NOT NULL,
    data_ oid
);

ALTER TABLE ONLY public.dlcontent
    ADD CONSTRAINT dlcontent_pkey PRIMARY KEY (contentid)