-- dumpfix-test: --target liferay-postgresql --window 4096
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
-- Name: region_names(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.region_names() RETURNS TABLE(id integer, name text)
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT * FROM (VALUES
        (0, 'Region 0000'),
        (1, 'Region 0001'),
        (2, 'Region 0002'),
        (3, 'Region 0003'),
        (4, 'Region 0004'),
        (5, 'Region 0005'),
        (6, 'Region 0006'),
        (7, 'Region 0007'),
        (8, 'Region 0008'),
        (9, 'Region 0009'),
        (10, 'Region 0010'),
        (11, 'Region 0011'),
        (12, 'Region 0012'),
        (13, 'Region 0013'),
        (14, 'Region 0014'),
        (15, 'Region 0015'),
        (16, 'Region 0016'),
        (17, 'Region 0017'),
        (18, 'Region 0018'),
        (19, 'Region 0019'),
        (20, 'Region 0020'),
        (21, 'Region 0021'),
        (22, 'Region 0022'),
        (23, 'Region 0023'),
        (24, 'Region 0024'),
        (25, 'Region 0025'),
        (26, 'Region 0026'),
        (27, 'Region 0027'),
        (28, 'Region 0028'),
        (29, 'Region 0029'),
        (30, 'Region 0030'),
        (31, 'Region 0031'),
        (32, 'Region 0032'),
        (33, 'Region 0033'),
        (34, 'Region 0034'),
        (35, 'Region 0035'),
        (36, 'Region 0036'),
        (37, 'Region 0037'),
        (38, 'Region 0038'),
        (39, 'Region 0039'),
        (40, 'Region 0040'),
        (41, 'Region 0041'),
        (42, 'Region 0042'),
        (43, 'Region 0043'),
        (44, 'Region 0044'),
        (45, 'Region 0045'),
        (46, 'Region 0046'),
        (47, 'Region 0047'),
        (48, 'Region 0048'),
        (49, 'Region 0049'),
        (50, 'Region 0050'),
        (51, 'Region 0051'),
        (52, 'Region 0052'),
        (53, 'Region 0053'),
        (54, 'Region 0054'),
        (55, 'Region 0055'),
        (56, 'Region 0056'),
        (57, 'Region 0057'),
        (58, 'Region 0058'),
        (59, 'Region 0059'),
        (60, 'Region 0060'),
        (61, 'Region 0061'),
        (62, 'Region 0062'),
        (63, 'Region 0063'),
        (64, 'Region 0064'),
        (65, 'Region 0065'),
        (66, 'Region 0066'),
        (67, 'Region 0067'),
        (68, 'Region 0068'),
        (69, 'Region 0069'),
        (70, 'Region 0070'),
        (71, 'Region 0071'),
        (72, 'Region 0072'),
        (73, 'Region 0073'),
        (74, 'Region 0074'),
        (75, 'Region 0075'),
        (76, 'Region 0076'),
        (77, 'Region 0077'),
        (78, 'Region 0078'),
        (79, 'Region 0079'),
        (80, 'Region 0080'),
        (81, 'Region 0081'),
        (82, 'Region 0082'),
        (83, 'Region 0083'),
        (84, 'Region 0084'),
        (85, 'Region 0085'),
        (86, 'Region 0086'),
        (87, 'Region 0087'),
        (88, 'Region 0088'),
        (89, 'Region 0089'),
        (90, 'Region 0090'),
        (91, 'Region 0091'),
        (92, 'Region 0092'),
        (93, 'Region 0093'),
        (94, 'Region 0094'),
        (95, 'Region 0095'),
        (96, 'Region 0096'),
        (97, 'Region 0097'),
        (98, 'Region 0098'),
        (99, 'Region 0099'),
        (100, 'Region 0100'),
        (101, 'Region 0101'),
        (102, 'Region 0102'),
        (103, 'Region 0103'),
        (104, 'Region 0104'),
        (105, 'Region 0105'),
        (106, 'Region 0106'),
        (107, 'Region 0107'),
        (108, 'Region 0108'),
        (109, 'Region 0109'),
        (110, 'Region 0110'),
        (111, 'Region 0111'),
        (112, 'Region 0112'),
        (113, 'Region 0113'),
        (114, 'Region 0114'),
        (115, 'Region 0115'),
        (116, 'Region 0116'),
        (117, 'Region 0117'),
        (118, 'Region 0118'),
        (119, 'Region 0119'),
        (120, 'Region 0120'),
        (121, 'Region 0121'),
        (122, 'Region 0122'),
        (123, 'Region 0123'),
        (124, 'Region 0124'),
        (125, 'Region 0125'),
        (126, 'Region 0126'),
        (127, 'Region 0127'),
        (128, 'Region 0128'),
        (129, 'Region 0129'),
        (130, 'Region 0130'),
        (131, 'Region 0131'),
        (132, 'Region 0132'),
        (133, 'Region 0133'),
        (134, 'Region 0134'),
        (135, 'Region 0135'),
        (136, 'Region 0136'),
        (137, 'Region 0137'),
        (138, 'Region 0138'),
        (139, 'Region 0139'),
        (140, 'Region 0140'),
        (141, 'Region 0141'),
        (142, 'Region 0142'),
        (143, 'Region 0143'),
        (144, 'Region 0144'),
        (145, 'Region 0145'),
        (146, 'Region 0146'),
        (147, 'Region 0147'),
        (148, 'Region 0148'),
        (149, 'Region 0149'),
        (150, 'Region 0150'),
        (151, 'Region 0151'),
        (152, 'Region 0152'),
        (153, 'Region 0153'),
        (154, 'Region 0154'),
        (155, 'Region 0155'),
        (156, 'Region 0156'),
        (157, 'Region 0157'),
        (158, 'Region 0158'),
        (159, 'Region 0159'),
        (160, 'Region 0160'),
        (161, 'Region 0161'),
        (162, 'Region 0162'),
        (163, 'Region 0163'),
        (164, 'Region 0164'),
        (165, 'Region 0165'),
        (166, 'Region 0166'),
        (167, 'Region 0167'),
        (168, 'Region 0168'),
        (169, 'Region 0169'),
        (170, 'Region 0170'),
        (171, 'Region 0171'),
        (172, 'Region 0172'),
        (173, 'Region 0173'),
        (174, 'Region 0174'),
        (175, 'Region 0175'),
        (176, 'Region 0176'),
        (177, 'Region 0177'),
        (178, 'Region 0178'),
        (179, 'Region 0179'),
        (180, 'Region 0180'),
        (181, 'Region 0181'),
        (182, 'Region 0182'),
        (183, 'Region 0183'),
        (184, 'Region 0184'),
        (185, 'Region 0185'),
        (186, 'Region 0186'),
        (187, 'Region 0187'),
        (188, 'Region 0188'),
        (189, 'Region 0189'),
        (190, 'Region 0190'),
        (191, 'Region 0191'),
        (192, 'Region 0192'),
        (193, 'Region 0193'),
        (194, 'Region 0194'),
        (195, 'Region 0195'),
        (196, 'Region 0196'),
        (197, 'Region 0197'),
        (198, 'Region 0198'),
        (199, 'Region 0199')
    ) AS r(id, name)
$$;


--
-- PostgreSQL database dump complete
--

