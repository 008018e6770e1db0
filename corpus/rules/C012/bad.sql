-- dumpfix-test: --target liferay-postgresql
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;

CREATE TABLE `people` (
  `first` varchar(20) NOT NULL,
  `sound` varchar(20) GENERATED ALWAYS AS (soundex(`first`)) STORED,
  PRIMARY KEY (`first`)
);
INSERT INTO `people` VALUES ('Ann','A500'),('Bob','B000');

-- Dump completed on 2024-01-01 10:00:00
