-- dumpfix-test: --target liferay-mysql --database shop
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET TIME_ZONE='+00:00' */;

CREATE TABLE `User_` (`userId` bigint NOT NULL, `screenName` varchar(75), PRIMARY KEY (`userId`));
CREATE TABLE `Group_` (`groupId` bigint NOT NULL, `name` varchar(150), PRIMARY KEY (`groupId`));
CREATE TABLE `my_custom` (`id` int NOT NULL, PRIMARY KEY (`id`));

-- Dump completed on 2024-01-01 10:00:00
