from django.urls import path

from about.views import PageView

app_name = "about"
urlpatterns = [path("<slug:slug>/", PageView.as_view(), name="page")]
