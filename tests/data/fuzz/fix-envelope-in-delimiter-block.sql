-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: localhost    Database: lportal
-- ----------------------------------------------LL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `user_bi` BEFORE INSERT ON `User_` FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 0) */;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;

/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*tinyint DEFAULT NULL,
  `status` int DEFAULT NULL,
  PRIMARY KEY (`userId`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `User_`
--

LOCK TABLES `User_` WRITE;
/*!40000 ALTER TABLE `User_` DISABLE KEYS */;
INSERT INTO `User_` VALUES (0,20101,20097,'2024-03-01 09:00:00.000000','default','default@liferay.com',0,0),(0,20123,20097,'2024-03-01 09:00:01.000000','test','test@liferay.com',0,0);
/*ERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `user_bi` BEFORE INSERT ON `User_` FOR EACH ROW SET NEW.status = IFNULL(NEW.status, 0) */;;
DELIMITER ;
/*!50003 SET sql_mode              = @saved_sql_mode */ ;
/*!50003 SET character_set_client  = @saved_cs_client */ ;

/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*tinyint DEFAULT NULL,
  `status` int DEFAULT NULL,
  PRIMARY KEY (`userId`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `User_`
--

LOCK TABLES `User_` WRITE;
/*!40000 ALTER TABLE `User_` DISABLE KEYS */;
INSERT INTO `User_` VALUES (0,20101,20097,'2024-03-01 09:00:00.000000','default','default@liferay.com',0,0),(0,20123,20097,'2024-03-01 09:00:01.000000','test','test@liferay.com',0,0);
/*!40000 ALTER TABLE `User_` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_cs_cliene dumpENT */;

-- Dump completed on 2024-03-01 10:00:00
