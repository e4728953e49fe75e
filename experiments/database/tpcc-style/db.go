package main

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// Endpoint is where the database is. The password comes from PGPASSWORD (postgres) or
// MYSQL_PWD (mysql), never from the command line.
type Endpoint struct {
	Engine   string // postgres | mysql
	Host     string
	Port     int
	User     string
	Database string
}

// DB is a connection pool plus the engine's SQL dialect.
type DB struct {
	*sql.DB
	engine string
	cache  map[string]string
}

// Open connects with at most `conns` connections.
func Open(e Endpoint, conns int) (*DB, error) {
	var driver, dsn string
	switch e.Engine {
	case "postgres":
		driver = "pgx"
		u := url.URL{Scheme: "postgres", Host: fmt.Sprintf("%s:%d", e.Host, e.Port), Path: "/" + e.Database, RawQuery: "sslmode=disable"}
		if pw := os.Getenv("PGPASSWORD"); pw != "" {
			u.User = url.UserPassword(e.User, pw)
		} else {
			u.User = url.User(e.User)
		}
		dsn = u.String()
	case "mysql":
		driver = "mysql"
		c := mysql.NewConfig()
		c.User, c.Passwd, c.Net, c.Addr, c.DBName = e.User, os.Getenv("MYSQL_PWD"), "tcp", fmt.Sprintf("%s:%d", e.Host, e.Port), e.Database
		c.InterpolateParams = true
		dsn = c.FormatDSN()
	default:
		return nil, fmt.Errorf("--engine: %q is not one of postgres, mysql", e.Engine)
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxLifetime(time.Hour)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot connect to %s at %s:%d: %w", e.Engine, e.Host, e.Port, err)
	}
	return &DB{DB: db, engine: e.Engine, cache: map[string]string{}}, nil
}

// Q turns a statement written with `?` placeholders into the engine's form ($1, $2, ... on
// PostgreSQL). Not safe for concurrent use: each terminal has its own Dialect copy.
func Q(engine, s string) string {
	if engine != "postgres" {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ErrorKind classifies a failed statement: "serialization" and "deadlock" are retried;
// everything else ends the transaction as an error of its kind.
func ErrorKind(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "40001":
			return "serialization"
		case "40P01":
			return "deadlock"
		case "55P03":
			return "lock_timeout"
		}
		if strings.HasPrefix(pg.Code, "08") {
			return "connection"
		}
		return "sql_" + pg.Code
	}
	var my *mysql.MySQLError
	if errors.As(err, &my) {
		switch my.Number {
		case 1213:
			return "deadlock"
		case 1205:
			return "lock_timeout"
		case 1020: // record changed since last read (MariaDB's snapshot isolation check)
			return "serialization"
		}
		return "sql_" + strconv.Itoa(int(my.Number))
	}
	if errors.Is(err, mysql.ErrInvalidConn) || errors.Is(err, sql.ErrConnDone) {
		return "connection"
	}
	return "other"
}

// Retryable reports whether a transaction failing with this kind is run again.
func Retryable(kind string) bool {
	return kind == "serialization" || kind == "deadlock" || kind == "lock_timeout"
}
