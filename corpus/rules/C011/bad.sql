-- dumpfix-test: --target liferay-postgresql
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;

CREATE TABLE `lines` (`id` int NOT NULL, `order_id` int, PRIMARY KEY (`id`), CONSTRAINT `fk_order` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`));

-- Dump completed on 2024-01-01 10:00:00
