from django.urls import path

from articles import views

app_name = "articles"
urlpatterns = [
    path("<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
]
