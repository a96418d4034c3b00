package app

import (
	"crypto/tls"
	"log"
	"net/http"
)

func client() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
}

func logBody(r *http.Request, body string) {
	log.Printf("request from %s", r.RemoteAddr)
	log.Println(body)
}

const upstream = "http://inference.acme-llm.net:8000"
