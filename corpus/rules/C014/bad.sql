-- dumpfix-test: --target liferay-postgresql
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;

CREATE TABLE `logs` (
  `id` int NOT NULL,
  `y` int NOT NULL,
  PRIMARY KEY (`id`,`y`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
 PARTITION BY RANGE (`y`)
(PARTITION `p0` VALUES LESS THAN (2000) ENGINE = InnoDB,
 PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB);
INSERT INTO `logs` VALUES (1,1999),(2,2020);

-- Dump completed on 2024-01-01 10:00:00
