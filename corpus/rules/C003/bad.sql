-- dumpfix-test: --target liferay-postgresql
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;

CREATE TABLE `a_very_long_table_name_that_goes_past_the_postgresql_identifier_limit_of_63` (`id` int NOT NULL, PRIMARY KEY (`id`));
INSERT INTO `a_very_long_table_name_that_goes_past_the_postgresql_identifier_limit_of_63` VALUES (1);

-- Dump completed on 2024-01-01 10:00:00
