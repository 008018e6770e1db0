-- dumpfix-test: --target liferay-mysql --max-packet 1024
-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: lportal
-- ------------------------------------------------------
-- Server version	8.0.36

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

--
-- Current Database: `lportal`
--

/*!40000 DROP DATABASE IF EXISTS `lportal`*/;

CREATE DATABASE /*!32312 IF NOT EXISTS*/ `lportal` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ /*!80016 DEFAULT ENCRYPTION='N' */;

USE `lportal`;

--
-- Table structure for table `User_`
--

DROP TABLE IF EXISTS `User_`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `User_` (
  `mvccVersion` bigint NOT NULL DEFAULT '0',
  `userId` bigint NOT NULL,
  `companyId` bigint DEFAULT NULL,
  `createDate` datetime(6) DEFAULT NULL,
  `screenName` varchar(75) DEFAULT NULL,
  `emailAddress` varchar(254) DEFAULT NULL,
  `lockout` tinyint DEFAULT NULL,
  `status` int DEFAULT NULL,
  PRIMARY KEY (`userId`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `User_`
--

LOCK TABLES `User_` WRITE;
/*!40000 ALTER TABLE `User_` DISABLE KEYS */;
INSERT INTO `User_` VALUES (0,20200,20097,'2024-03-01 09:00:00.000000','user0','user0@liferay.com',0,0),(0,20201,20097,'2024-03-01 09:00:01.000000','user1','user1@liferay.com',0,0),(0,20202,20097,'2024-03-01 09:00:02.000000','user2','user2@liferay.com',0,0),(0,20203,20097,'2024-03-01 09:00:03.000000','user3','user3@liferay.com',0,0),(0,20204,20097,'2024-03-01 09:00:04.000000','user4','user4@liferay.com',0,0),(0,20205,20097,'2024-03-01 09:00:05.000000','user5','user5@liferay.com',0,0),(0,20206,20097,'2024-03-01 09:00:06.000000','user6','user6@liferay.com',0,0),(0,20207,20097,'2024-03-01 09:00:07.000000','user7','user7@liferay.com',0,0),(0,20208,20097,'2024-03-01 09:00:08.000000','user8','user8@liferay.com',0,0),(0,20209,20097,'2024-03-01 09:00:09.000000','user9','user9@liferay.com',0,0),(0,20210,20097,'2024-03-01 09:00:10.000000','user10','user10@liferay.com',0,0),(0,20211,20097,'2024-03-01 09:00:11.000000','user11','user11@liferay.com',0,0),(0,20212,20097,'2024-03-01 09:00:12.000000','user12','user12@liferay.com',0,0),(0,20213,20097,'2024-03-01 09:00:13.000000','user13','user13@liferay.com',0,0),(0,20214,20097,'2024-03-01 09:00:14.000000','user14','user14@liferay.com',0,0),(0,20215,20097,'2024-03-01 09:00:15.000000','user15','user15@liferay.com',0,0),(0,20216,20097,'2024-03-01 09:00:16.000000','user16','user16@liferay.com',0,0),(0,20217,20097,'2024-03-01 09:00:17.000000','user17','user17@liferay.com',0,0),(0,20218,20097,'2024-03-01 09:00:18.000000','user18','user18@liferay.com',0,0),(0,20219,20097,'2024-03-01 09:00:19.000000','user19','user19@liferay.com',0,0);
/*!40000 ALTER TABLE `User_` ENABLE KEYS */;
UNLOCK TABLES;

/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

-- Dump completed on 2024-03-01 10:00:00
