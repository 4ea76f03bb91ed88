package main

import (
	"database/sql"
	"log"
	"os"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	db, err := sql.Open("mysql", os.Getenv("BLOG_DSN"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
}
