-- MySQL dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: lportal
-- ------------------------------------------------------
-- Server version	10.11.6-MariaDB-0+deb12u1
-- (A small hand-written example in mysqldump's shape, for the README.)

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

--
-- Table structure for table `user_`
--

DROP TABLE IF EXISTS `user_`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `user_` (
  `mvccVersion` bigint(20) NOT NULL DEFAULT 0,
  `userId` bigint(20) NOT NULL,
  `companyId` bigint(20) DEFAULT NULL,
  `createDate` datetime(6) DEFAULT NULL,
  `defaultUser` tinyint(4) DEFAULT NULL,
  `screenName` varchar(75) DEFAULT NULL,
  `emailAddress` varchar(254) DEFAULT NULL,
  `greeting` varchar(255) DEFAULT NULL,
  `comments` longtext DEFAULT NULL,
  `agreedToTermsOfUse` tinyint(4) DEFAULT NULL,
  `status` int(11) DEFAULT NULL,
  PRIMARY KEY (`userId`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `user_`
--

LOCK TABLES `user_` WRITE;
/*!40000 ALTER TABLE `user_` DISABLE KEYS */;
INSERT INTO `user_` VALUES (0,20101,20097,'2024-03-01 09:00:00.000000',1,'default','default@liferay.com','Welcome!',NULL,1,0),(0,20123,20097,'2024-03-01 09:00:01.000000',0,'test','test@liferay.com','Welcome Test Test!','He said \"hi\";\nthen left; it\'s a \\backslash',1,0),(1,20124,20097,'2024-03-02 10:30:00.123456',0,'jöns','jons@example.com','Välkommen, 日本語 ✓',NULL,0,0);
/*!40000 ALTER TABLE `user_` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `dlcontent`
--

DROP TABLE IF EXISTS `dlcontent`;
CREATE TABLE `dlcontent` (
  `contentId` bigint(20) NOT NULL,
  `companyId` bigint(20) DEFAULT NULL,
  `path_` varchar(255) DEFAULT NULL,
  `data_` longblob DEFAULT NULL,
  `size_` bigint(20) DEFAULT NULL,
  PRIMARY KEY (`contentId`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

LOCK TABLES `dlcontent` WRITE;
INSERT INTO `dlcontent` VALUES (30001,20097,'1/hello.txt',_binary 'Hello, world!\n\0\Z',16),(30002,20097,'1/logo.png',0x89504E470D0A1A0A0000000D49484452,16);
UNLOCK TABLES;

--
-- Dumping routines for database 'lportal'
--
/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;
/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
CREATE DEFINER=`root`@`localhost` PROCEDURE `count_users`(OUT n INT)
BEGIN
  SELECT COUNT(*) INTO n FROM user_ WHERE IFNULL(status, 0) = 0;
END ;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

-- Dump completed on 2024-03-02 10:31:00
